import { randomBytes } from 'node:crypto';
import type { Queryable } from '../platform/db/database.ts';

/**
 * The installation's secret for the reference permutation: made once, kept in the database,
 * so references stay unique and unguessable across restarts and processes.
 */
export async function loadReferenceKey(db: Queryable): Promise<Buffer> {
  await db.query(
    `insert into desk_settings (key, value) values ('reference_key', to_jsonb($1::text)) on conflict (key) do nothing`,
    [randomBytes(32).toString('hex')],
  );
  const [row] = await db.query<{ value: string }>(`select value #>> '{}' as value from desk_settings where key = 'reference_key'`);
  return Buffer.from(row!.value, 'hex');
}
