import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

export type DatabaseChoice = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | undefined };

export function chooseDatabase(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseChoice {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: join(config.dataDir, 'pglite') };
}

export async function openDatabase(choice: DatabaseChoice): Promise<Database> {
  switch (choice.kind) {
    case 'postgres':
      return openPostgresDatabase(choice.url);
    case 'pglite':
      if (choice.dataDir) await mkdir(choice.dataDir, { recursive: true });
      return openPgliteDatabase(choice.dataDir);
    default: {
      const never: never = choice;
      throw new Error(`unknown database ${JSON.stringify(never)}`);
    }
  }
}
