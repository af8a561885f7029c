import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TLanguage, TRole } from '../../shared/common.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: TRole;
  allTenants: boolean;
  tenantIds: string[];
  language: TLanguage | null;
  active: boolean;
  createdAt: Date;
}

const userColumns = `u.id, u.email, u.name, u.password_hash as "passwordHash", u.role, u.all_tenants as "allTenants",
  u.language, u.active, u.created_at as "createdAt",
  coalesce((select array_agg(ut.tenant_id::text order by ut.tenant_id) from user_tenants ut where ut.user_id = u.id), '{}') as "tenantIds"`;

export function createAuthRepository(db: Queryable) {
  return {
    findUserByEmail: (email: string) =>
      queryOne<UserRow>(db, `select ${userColumns} from users u where lower(u.email) = lower($1)`, [email]),

    findUserById: (id: string) => queryOne<UserRow>(db, `select ${userColumns} from users u where u.id = $1`, [id]),

    listUsers: (tenantIds: readonly string[] | null) =>
      db.query<UserRow>(
        `select ${userColumns} from users u
         where $1::uuid[] is null or u.all_tenants = false and exists (
           select 1 from user_tenants ut where ut.user_id = u.id and ut.tenant_id = any($1::uuid[]))
         order by lower(u.email)`,
        [tenantIds],
      ),

    async insertUser(tx: Queryable, user: Omit<UserRow, 'id' | 'createdAt' | 'active'>): Promise<string> {
      const row = await queryOne<{ id: string }>(
        tx,
        `insert into users (email, name, password_hash, role, all_tenants, language)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [user.email, user.name, user.passwordHash, user.role, user.allTenants, user.language],
      );
      for (const tenantId of user.tenantIds) {
        await tx.query('insert into user_tenants (user_id, tenant_id) values ($1, $2)', [row!.id, tenantId]);
      }
      return row!.id;
    },

    async insertSession(session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }) {
      await db.query('insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [
        session.tokenHash,
        session.userId,
        session.csrfToken,
        session.expiresAt,
      ]);
    },

    findSession: (tokenHash: string, now: Date) =>
      queryOne<{ userId: string; csrfToken: string; expiresAt: Date }>(
        db,
        `select user_id as "userId", csrf_token as "csrfToken", expires_at as "expiresAt"
         from sessions where token_hash = $1 and expires_at > $2`,
        [tokenHash, now],
      ),

    async extendSession(tokenHash: string, expiresAt: Date) {
      await db.query('update sessions set expires_at = $2 where token_hash = $1', [tokenHash, expiresAt]);
    },

    async deleteSession(tokenHash: string) {
      await db.query('delete from sessions where token_hash = $1', [tokenHash]);
    },

    async deleteExpiredSessions(now: Date) {
      await db.query('delete from sessions where expires_at <= $1', [now]);
    },

    async insertApiToken(token: {
      name: string;
      tokenHash: string;
      role: TRole;
      allTenants: boolean;
      tenantIds: readonly string[];
      createdBy: string | null;
    }): Promise<string> {
      const row = await queryOne<{ id: string }>(
        db,
        `insert into api_tokens (name, token_hash, role, all_tenants, tenant_ids, created_by)
         values ($1, $2, $3, $4, $5::uuid[], $6) returning id`,
        [token.name, token.tokenHash, token.role, token.allTenants, token.tenantIds, token.createdBy],
      );
      return row!.id;
    },

    findApiToken: (tokenHash: string) =>
      queryOne<{ id: string; name: string; role: TRole; allTenants: boolean; tenantIds: string[]; lastUsedAt: Date | null }>(
        db,
        `select id, name, role, all_tenants as "allTenants", tenant_ids::text[] as "tenantIds", last_used_at as "lastUsedAt"
         from api_tokens where token_hash = $1 and revoked_at is null`,
        [tokenHash],
      ),

    async touchApiToken(id: string, at: Date) {
      await db.query('update api_tokens set last_used_at = $2 where id = $1', [id, at]);
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
