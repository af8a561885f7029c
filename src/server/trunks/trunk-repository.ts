import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TTrunk } from '../../shared/api/trunks.ts';

export interface TrunkRow {
  id: string;
  name: string;
  allowedSources: string[];
  authRealm: string | null;
  authUsername: string | null;
  authHa1Md5: string | null;
  authHa1Sha256: string | null;
  registerUri: string | null;
  registerUsername: string | null;
  registerPassword: string | null;
  registerExpires: number;
  enabled: boolean;
  createdAt: Date;
}

const columns = `id, name, allowed_sources as "allowedSources", auth_realm as "authRealm", auth_username as "authUsername",
  auth_ha1_md5 as "authHa1Md5", auth_ha1_sha256 as "authHa1Sha256", register_uri as "registerUri",
  register_username as "registerUsername", register_password as "registerPassword", register_expires as "registerExpires",
  enabled, created_at as "createdAt"`;

/** Secrets stay inside the desk: the API shows who a trunk is, never what it knows. */
export const toTrunk = (row: TrunkRow): TTrunk => ({
  id: row.id,
  name: row.name,
  allowedSources: row.allowedSources,
  authUsername: row.authUsername,
  registerUri: row.registerUri,
  registerUsername: row.registerUsername,
  registerExpires: row.registerExpires,
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
});

export function createTrunkRepository(db: Queryable) {
  return {
    listTrunks: () => db.query<TrunkRow>(`select ${columns} from trunks order by name`),
    findTrunk: (id: string) => queryOne<TrunkRow>(db, `select ${columns} from trunks where id = $1`, [id]),
    findTrunkByName: (name: string) => queryOne<TrunkRow>(db, `select ${columns} from trunks where name = $1`, [name]),
    insertTrunk: async (t: Omit<TrunkRow, 'id' | 'createdAt'>) =>
      (await queryOne<TrunkRow>(
        db,
        `insert into trunks (name, allowed_sources, auth_realm, auth_username, auth_ha1_md5, auth_ha1_sha256, register_uri,
           register_username, register_password, register_expires, enabled)
         values ($1, $2::text[], $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${columns}`,
        [t.name, t.allowedSources, t.authRealm, t.authUsername, t.authHa1Md5, t.authHa1Sha256, t.registerUri, t.registerUsername,
          t.registerPassword, t.registerExpires, t.enabled],
      ))!,
    async deleteTrunk(id: string) {
      await db.query('delete from trunks where id = $1', [id]);
    },
  };
}

export type TrunkRepository = ReturnType<typeof createTrunkRepository>;
