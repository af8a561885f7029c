import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/server/platform/db/database.ts';
import { openPgliteDatabase } from '../../src/server/platform/db/pglite-database.ts';
import { openPostgresDatabase } from '../../src/server/platform/db/postgres-database.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Feature suites run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * For an end-to-end file whose subject is not the database: PostgreSQL when the run has one,
 * else PGlite. The feature suites already run every use case on both, and the end-to-end files
 * with real peers are spread over the two (see test/e2e), so the slowest files run once.
 */
export function oneDatabaseKind(prefer: DatabaseKind): DatabaseKind[] {
  return prefer === 'postgres' && process.env.TEST_DATABASE_URL ? ['postgres'] : ['pglite'];
}

export interface TestDatabase {
  db: Database;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database per suite: in memory for PGlite, a throw-away database on the server. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPgliteDatabase(undefined);
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `centralita_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgresDatabase(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
