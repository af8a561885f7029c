import { PGlite } from '@electric-sql/pglite';
import { advisoryLockIds, type Database, type Queryable } from './database.ts';

/** Embedded PostgreSQL: `dataDir` persists across restarts, undefined keeps it in memory. */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<R>(sql, params as unknown[] | undefined);
      return result.rows;
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn, options) =>
      pg.transaction(async (tx) => {
        for (const id of advisoryLockIds(options?.lockKeys ?? [])) await tx.query(`select pg_advisory_xact_lock(${id})`);
        return fn(wrap(tx));
      }),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
