import type { z } from 'zod';
import { parseInput } from '../platform/validation.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { ZCreateToken, ZCreateUser, type TUser } from '../../shared/api/users.ts';
import type { AuthRepository, UserRow } from './auth-repository.ts';
import { hashPassword } from './password-hash.ts';
import { requirePermission, requireTenant, tenantScope, type Principal } from './principal.ts';
import { digestSecret, newSecret } from './secrets.ts';

export interface UserDeps {
  db: Database;
  auth: AuthRepository;
}

export const toUser = (row: UserRow): TUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  allTenants: row.allTenants,
  tenantIds: row.tenantIds,
  language: row.language,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

/** Only a desk-wide admin may grant desk-wide access; a tenant admin grants within their tenants. */
function checkGrant(actor: Principal | 'system', allTenants: boolean, tenantIds: readonly string[]) {
  if (actor === 'system') return;
  requirePermission(actor, 'user.manage');
  if (allTenants && !actor.allTenants) throw new AppError('forbidden', 'only a desk-wide admin may grant all tenants');
  tenantIds.forEach((id) => requireTenant(actor, id));
}

export async function createUser(deps: UserDeps, actor: Principal | 'system', input: z.input<typeof ZCreateUser>) {
  const data = parseInput(ZCreateUser, input, 'user');
  checkGrant(actor, data.allTenants, data.tenantIds);
  if (await deps.auth.findUserByEmail(data.email)) {
    throw new AppError('conflict', 'a user with this e-mail exists', [{ path: 'email', message: 'already in use' }]);
  }
  const passwordHash = await hashPassword(data.password);
  const id = await deps.db.transaction(async (tx) => {
    const known = await tx.query<{ id: string }>('select id from tenants where id = any($1::uuid[])', [data.tenantIds]);
    const missing = data.tenantIds.findIndex((t) => !known.some((k) => k.id === t));
    if (missing >= 0) throw new AppError('validation_failed', 'unknown tenant', [{ path: `tenantIds.${missing}`, message: 'unknown tenant' }]);
    return deps.auth.insertUser(tx, {
      email: data.email,
      name: data.name,
      passwordHash,
      role: data.role,
      allTenants: data.allTenants,
      tenantIds: data.tenantIds,
      language: data.language ?? null,
    });
  });
  const row = await deps.auth.findUserById(id);
  return toUser(row!);
}

export async function listUsers(deps: UserDeps, actor: Principal) {
  requirePermission(actor, 'user.manage');
  return (await deps.auth.listUsers(tenantScope(actor))).map(toUser);
}

export async function getUser(deps: UserDeps, actor: Principal, id: string) {
  requirePermission(actor, 'user.manage');
  const row = await deps.auth.findUserById(id);
  if (!row || (!actor.allTenants && (row.allTenants || !row.tenantIds.some((t) => actor.tenantIds.includes(t))))) {
    throw notFound('user');
  }
  return toUser(row);
}

/** Returns the secret once; only its digest is kept. */
export async function createApiToken(
  deps: UserDeps,
  actor: Principal | 'system',
  input: z.input<typeof ZCreateToken>,
): Promise<{ id: string; token: string }> {
  const data = parseInput(ZCreateToken, input, 'token');
  checkGrant(actor, data.allTenants, data.tenantIds);
  const token = newSecret('ctk');
  const id = await deps.auth.insertApiToken({
    name: data.name,
    tokenHash: digestSecret(token),
    role: data.role,
    allTenants: data.allTenants,
    tenantIds: data.tenantIds,
    createdBy: actor === 'system' || actor.kind !== 'user' ? null : actor.id,
  });
  return { id, token };
}
