import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import type { AuthRepository, UserRow } from './auth-repository.ts';
import { verifyAgainstDecoy, verifyPassword } from './password-hash.ts';
import type { Principal } from './principal.ts';
import { digestSecret, newSecret } from './secrets.ts';

const sessionLifetimeMs = 12 * 60 * 60 * 1000;

export interface SessionDeps {
  auth: AuthRepository;
  clock: Clock;
}

export const principalOfUser = (user: UserRow): Principal => ({
  kind: 'user',
  id: user.id,
  name: user.name,
  role: user.role,
  allTenants: user.allTenants,
  tenantIds: user.tenantIds,
});

export async function signIn(deps: SessionDeps, email: string, password: string) {
  const user = await deps.auth.findUserByEmail(email);
  const ok = user && user.active ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
  if (!ok || !user) throw new AppError('unauthenticated', 'wrong e-mail or password');
  return startSession(deps, user);
}

/** A new web session for a user already proven (by password, or by a one-time link). */
export async function startSession(deps: SessionDeps, user: UserRow) {
  const token = newSecret('cs');
  const csrfToken = newSecret('csrf');
  await deps.auth.insertSession({
    tokenHash: digestSecret(token),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(deps.clock.now().getTime() + sessionLifetimeMs),
  });
  return { token, csrfToken, user };
}

export async function signOut(deps: SessionDeps, token: string) {
  await deps.auth.deleteSession(digestSecret(token));
}

/** A session slides forward while it is used; it ends after 12 idle hours. */
export async function resolveSession(deps: SessionDeps, token: string) {
  const now = deps.clock.now();
  const tokenHash = digestSecret(token);
  const session = await deps.auth.findSession(tokenHash, now);
  if (!session) return undefined;
  const user = await deps.auth.findUserById(session.userId);
  if (!user || !user.active) return undefined;
  if (session.expiresAt.getTime() - now.getTime() < sessionLifetimeMs / 2) {
    await deps.auth.extendSession(tokenHash, new Date(now.getTime() + sessionLifetimeMs));
  }
  return { user, principal: principalOfUser(user), csrfToken: session.csrfToken };
}

export async function resolveApiToken(deps: SessionDeps, token: string): Promise<Principal | undefined> {
  const row = await deps.auth.findApiToken(digestSecret(token));
  if (!row) return undefined;
  // "Last used" is for people auditing tokens; minute precision spares a write per request.
  const now = deps.clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = now;
    await deps.auth.touchApiToken(row.id, now);
  }
  return { kind: 'token', id: row.id, name: row.name, role: row.role, allTenants: row.allTenants, tenantIds: row.tenantIds };
}
