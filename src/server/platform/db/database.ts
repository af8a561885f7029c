/** The one seam between use cases and storage: parameterised PostgreSQL, on PGlite or a server. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function queryOne<R>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<R | undefined> {
  const rows = await db.query<R>(sql, params);
  return rows[0];
}
