import { createHash } from 'node:crypto';

/** The one seam between use cases and storage: parameterised PostgreSQL, on PGlite or a server. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface TransactionOptions {
  /**
   * Transaction-scoped advisory locks taken first, in a fixed order (so two transactions never
   * wait on each other in a circle): concurrent transactions sharing a key run one after the other.
   */
  lockKeys?: readonly string[];
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function queryOne<R>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<R | undefined> {
  const rows = await db.query<R>(sql, params);
  return rows[0];
}

/** Lock keys as signed 64-bit integers, sorted: safe to inline, and the same in every process. */
export function advisoryLockIds(keys: readonly string[]): string[] {
  const ids = [...new Set(keys)].map((key) => createHash('sha256').update(key).digest().readBigInt64BE(0));
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}
