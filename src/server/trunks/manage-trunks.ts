import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ZCreateTrunk } from '../../shared/api/trunks.ts';
import { requirePermission, type Principal } from '../auth/principal.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { toTrunk, type TrunkRepository } from './trunk-repository.ts';

export const sipRealm = 'centralita';

export interface TrunkDeps {
  trunks: TrunkRepository;
}

/** Trunks are the desk's own: only a desk-wide admin sees or changes them. */
function requireDeskAdmin(actor: Principal) {
  requirePermission(actor, 'line.manage');
  if (!actor.allTenants) throw new AppError('forbidden', 'only a desk-wide admin manages trunks');
}

const ha1 = (algorithm: 'md5' | 'sha256', user: string, password: string) =>
  createHash(algorithm).update(`${user}:${sipRealm}:${password}`).digest('hex');

export async function listTrunks(deps: TrunkDeps, actor: Principal) {
  requireDeskAdmin(actor);
  return (await deps.trunks.listTrunks()).map(toTrunk);
}

/** The inbound password is kept only as digest HA1 values; the outbound one must be kept to answer challenges. */
export async function createTrunk(deps: TrunkDeps, actor: Principal | 'system', input: z.input<typeof ZCreateTrunk>) {
  const data = parseInput(ZCreateTrunk, input, 'trunk');
  if (actor !== 'system') requireDeskAdmin(actor);
  if (await deps.trunks.findTrunkByName(data.name)) {
    throw new AppError('conflict', 'a trunk with this name exists', [{ path: 'name', message: 'already in use' }]);
  }
  const credentials = data.authUsername && data.authPassword;
  const row = await deps.trunks.insertTrunk({
    name: data.name,
    allowedSources: data.allowedSources,
    authRealm: credentials ? sipRealm : null,
    authUsername: data.authUsername ?? null,
    authHa1Md5: credentials ? ha1('md5', data.authUsername!, data.authPassword!) : null,
    authHa1Sha256: credentials ? ha1('sha256', data.authUsername!, data.authPassword!) : null,
    registerUri: data.registerUri ?? null,
    registerUsername: data.registerUsername ?? null,
    registerPassword: data.registerPassword ?? null,
    registerExpires: data.registerExpires,
    enabled: data.enabled,
  });
  return toTrunk(row);
}

export async function deleteTrunk(deps: TrunkDeps, actor: Principal, id: string) {
  requireDeskAdmin(actor);
  if (!(await deps.trunks.findTrunk(id))) throw notFound('trunk');
  await deps.trunks.deleteTrunk(id);
}
