import type { z } from 'zod';
import { ZCreateTechnician, ZTechnicianQuery, ZUpdateTechnician } from '../../shared/api/technicians.ts';
import { canSeeTenant, requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import { normaliseWord } from '../dispatch/technician-index.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { loadTechnician, phoneTaken, requireTechnicianUse, requireTenantRow, type TechnicianDeps } from './technician-access.ts';
import { createTechnicianRepository, toTechnician, type TechnicianFields, type TechnicianRepository } from './technician-repository.ts';

/** Skills and brands are matched without case; the first spelling given is the one kept. */
export function uniqueWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => !seen.has(normaliseWord(w)) && seen.add(normaliseWord(w)));
}

/** The answer after a write: read back, showing only the tenants the actor may see. */
export async function presentTechnician(deps: Pick<TechnicianDeps, 'technicians'>, actor: Principal, id: string) {
  const row = await deps.technicians.findTechnician(id);
  if (!row) throw notFound('technician');
  return toTechnician(row, (tenantId) => canSeeTenant(actor, tenantId));
}

/** A linked account must be a technician's that the actor can see; anything else is unknown to them. */
async function checkUser(deps: TechnicianDeps, actor: Principal, userId: string): Promise<string> {
  const user = await deps.auth.findUserById(userId);
  const visible = user && (actor.allTenants || (!user.allTenants && user.tenantIds.some((t) => canSeeTenant(actor, t))));
  if (!user || !visible) throw invalidField('userId', 'unknown user');
  if (user.role !== 'technician') throw invalidField('userId', 'not a technician account');
  return user.id;
}

async function checkTenants(deps: TechnicianDeps, actor: Principal, tenantIds: readonly string[]): Promise<void> {
  tenantIds.forEach((id) => requireTenant(actor, id));
  const found = await Promise.all(tenantIds.map((id) => deps.tenants.findTenant(id)));
  const missing = found.findIndex((t) => !t);
  if (missing >= 0) throw invalidField(`tenantIds.${missing}`, 'unknown tenant');
}

/** Run inside the transaction that holds `uniquenessKeys`, so two writers cannot both pass. */
export async function ensureUnique(repo: TechnicianRepository, f: Pick<TechnicianFields, 'phone' | 'userId'>, exceptId?: string) {
  const holders = await repo.findTechniciansByPhones([f.phone]);
  if (holders.some((t) => t.id !== exceptId)) throw phoneTaken('phone');
  const linked = f.userId ? await repo.findTechnicianByUser(f.userId) : undefined;
  if (linked && linked.id !== exceptId) {
    throw new AppError('conflict', 'userId: already linked to another technician', [{ path: 'userId', message: 'already linked to another technician' }]);
  }
}

export const uniquenessKeys = (phones: readonly string[], userId?: string | null) => [
  ...phones.map((p) => `technician-phone:${p}`),
  ...(userId ? [`technician-user:${userId}`] : []),
];

export async function createTechnician(deps: TechnicianDeps, actor: Principal, tenantId: string, input: z.input<typeof ZCreateTechnician>) {
  const data = parseInput(ZCreateTechnician, input, 'technician');
  requireTechnicianUse(actor, tenantId, 'edit');
  const tenant = await requireTenantRow(deps, tenantId);
  const others = [...new Set(data.tenantIds)].filter((t) => t !== tenantId);
  await checkTenants(deps, actor, others);
  const fields: TechnicianFields = {
    userId: data.userId ? await checkUser(deps, actor, data.userId) : null,
    name: data.name,
    phone: normalisePhone(data.phone, tenant.country, 'phone'),
    email: data.email ?? null,
    skills: uniqueWords(data.skills),
    brands: uniqueWords(data.brands),
    certifications: uniqueWords(data.certifications),
    homeLat: data.home.lat,
    homeLon: data.home.lon,
    zone: data.zone,
    hours: data.hours,
    exceptions: data.exceptions,
    onCall: data.onCall,
    timeZone: data.timeZone ?? tenant.timeZone,
    dailyCapacity: data.dailyCapacity,
    state: data.state,
    active: data.active,
  };
  const id = await deps.db.transaction(async (tx) => {
    const repo = createTechnicianRepository(tx);
    await ensureUnique(repo, fields);
    const created = await repo.insertTechnician(fields);
    await repo.addTenants(created, [tenantId, ...others]);
    return created;
  }, { lockKeys: uniquenessKeys([fields.phone], fields.userId) });
  return presentTechnician(deps, actor, id);
}

/**
 * Changes a technician. The record is the person's, so a change made for one tenant shows in
 * every tenant they work for. `tenantIds` replaces the tenants the actor can see; the others
 * are kept, and the actor never learns of them.
 */
export async function updateTechnician(deps: TechnicianDeps, actor: Principal, tenantId: string, id: string, input: z.input<typeof ZUpdateTechnician>) {
  const patch = parseInput(ZUpdateTechnician, input, 'technician');
  const seen = await loadTechnician(deps, actor, tenantId, id, 'edit');
  const tenant = await requireTenantRow(deps, tenantId);
  const wanted = patch.tenantIds ? [...new Set(patch.tenantIds)] : undefined;
  if (wanted) await checkTenants(deps, actor, wanted);
  const phone = patch.phone === undefined ? seen.phone : normalisePhone(patch.phone, tenant.country, 'phone');
  const userId = patch.userId === undefined || patch.userId === seen.userId ? seen.userId : patch.userId && (await checkUser(deps, actor, patch.userId));
  await deps.db.transaction(async (tx) => {
    const repo = createTechnicianRepository(tx);
    // The patch applies to the row as it is now, not as first read: a concurrent edit is kept.
    const current = (await repo.findTechnician(id, true)) ?? seen;
    const fields: TechnicianFields = {
      userId: patch.userId === undefined ? current.userId : userId,
      name: patch.name ?? current.name,
      phone: patch.phone === undefined ? current.phone : phone,
      email: patch.email === undefined ? current.email : patch.email,
      skills: patch.skills ? uniqueWords(patch.skills) : current.skills,
      brands: patch.brands ? uniqueWords(patch.brands) : current.brands,
      certifications: patch.certifications ? uniqueWords(patch.certifications) : current.certifications,
      homeLat: patch.home?.lat ?? current.homeLat,
      homeLon: patch.home?.lon ?? current.homeLon,
      zone: patch.zone ?? current.zone,
      hours: patch.hours ?? current.hours,
      exceptions: patch.exceptions ?? current.exceptions,
      onCall: patch.onCall ?? current.onCall,
      timeZone: patch.timeZone ?? current.timeZone,
      dailyCapacity: patch.dailyCapacity ?? current.dailyCapacity,
      state: patch.state ?? current.state,
      active: patch.active ?? current.active,
    };
    await ensureUnique(repo, fields, id);
    await repo.updateTechnician(id, fields);
    if (wanted) {
      await repo.addTenants(id, wanted.filter((t) => !current.tenantIds.includes(t)));
      await repo.removeTenants(id, current.tenantIds.filter((t) => canSeeTenant(actor, t) && !wanted.includes(t)));
    }
  }, { lockKeys: uniquenessKeys([phone], userId) });
  return presentTechnician(deps, actor, id);
}

export async function getTechnician(deps: TechnicianDeps, actor: Principal, tenantId: string, id: string) {
  const row = await loadTechnician(deps, actor, tenantId, id, 'read');
  return toTechnician(row, (t) => canSeeTenant(actor, t));
}

/** The whole roster view is staff work; a technician reads only their own record. */
export async function listTechnicians(deps: TechnicianDeps, actor: Principal, tenantId: string, input: unknown) {
  const query = parseInput(ZTechnicianQuery, input, 'query');
  requireTenant(actor, tenantId);
  requirePermission(actor, 'tenant.read');
  await requireTenantRow(deps, tenantId);
  const active = query.active === 'all' ? null : query.active === 'true';
  const rows = await deps.technicians.listTechnicians({ tenantId, state: query.state, skill: query.skill, active, limit: query.limit });
  return rows.map((row) => toTechnician(row, (t) => canSeeTenant(actor, t)));
}
