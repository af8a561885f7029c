import type { z } from 'zod';
import { ZAssign, ZNote, ZTransition, ZUpdateCase, type TCase } from '../../shared/api/cases.ts';
import { canTransition, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import { canSeeTenant, requirePermission } from '../auth/principal.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import type { Queryable } from '../platform/db/database.ts';
import { parseInput } from '../platform/validation.ts';
import { isAutomated, requireCaseVisible, timelineActor, type CaseActor } from './case-access.ts';
import type { CaseDeps } from './case-deps.ts';
import { createCaseRepository, toCase, type CaseRow } from './case-repository.ts';
import { applianceTypeOf, validateIntake } from './validate-intake.ts';
import { createProtocolRepository } from '../protocols/protocol-repository.ts';
import { createCustomerRepository } from '../customers/customer-repository.ts';
import { endFollowUps } from './end-follow-ups.ts';
import { notifyCustomer, type TCustomerStage } from '../status-links/notify-customer.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import { createTechnicianRepository } from '../technicians/technician-repository.ts';

/** What a technician may do to their own job; everything else is the desk's. */
const technicianMoves: readonly TCaseStatus[] = ['accepted', 'en_route', 'on_site', 'resolved'];

/** Loads and locks the row, so concurrent changes to one case apply one after the other. */
async function lockedCase(tx: Queryable, actor: CaseActor, id: string): Promise<CaseRow> {
  await tx.query('select 1 from cases where id = $1 for update', [id]);
  const row = await createCaseRepository(tx).findCase(id);
  if (!row) throw notFound('case');
  requireCaseVisible(actor, row);
  return row;
}

function requireWrite(actor: CaseActor) {
  if (!isAutomated(actor)) requirePermission(actor, 'case.write');
}

async function finish(deps: CaseDeps, id: string, emit: (row: CaseRow) => void): Promise<TCase> {
  const row = (await deps.cases.findCase(id))!;
  emit(row);
  return toCase(row);
}

/**
 * Moves a case inside the caller's transaction (the mobile view applies a queued action and
 * records it in one). Returns the status it left.
 */
export async function applyTransition(tx: Queryable, deps: Pick<CaseDeps, 'publicUrl'>, actor: CaseActor, id: string, data: z.output<typeof ZTransition>, now: Date): Promise<TCaseStatus> {
  const row = await lockedCase(tx, actor, id);
  if (!isAutomated(actor) && actor.role === 'technician') {
    requirePermission(actor, 'case.progress_own');
    if (!technicianMoves.includes(data.to)) throw new AppError('forbidden', `a technician may not move a case to ${data.to}`);
  } else {
    requireWrite(actor);
  }
  if (!canTransition(row.status, data.to)) {
    throw new AppError('invalid_transition', `a ${row.status} case cannot become ${data.to}`, [{ path: 'to', message: `not allowed from ${row.status}` }]);
  }
  const closedAt = data.to === 'closed' ? now : data.to === 'reopened' ? null : undefined;
  // Closing ends everything still due about the case in the same transaction: nobody is
  // contacted again about something already solved.
  if (data.to === 'closed' || data.to === 'cancelled') await endFollowUps(tx, row, timelineActor(actor), now);
  await createCaseRepository(tx).updateCaseFields(id, { status: data.to, closedAt }, now);
  // The message is queued before the move is recorded, so the move stays the newest entry.
  if (customerStages.includes(data.to)) await tellCustomer(tx, deps, { ...row, status: data.to }, data.to as TCustomerStage, now);
  await createCaseRepository(tx).appendEvent({
    caseId: id, tenantId: row.tenantId, at: now, actor: timelineActor(actor), kind: 'status_changed',
    before: { status: row.status }, after: { status: data.to }, data: data.note ? { note: data.note } : undefined,
  });
  return row.status;
}

/** The customer hears when the technician sets off and when the job is done. */
const customerStages: readonly TCaseStatus[] = ['en_route', 'resolved'];

async function tellCustomer(tx: Queryable, deps: Pick<CaseDeps, 'publicUrl'>, row: CaseRow, stage: TCustomerStage, at: Date) {
  const tenant = (await createTenantRepository(tx).findTenant(row.tenantId))!;
  const technician = row.assignedUserId ? await createTechnicianRepository(tx).findTechnicianByUser(row.assignedUserId) : undefined;
  await notifyCustomer(tx, {
    caseRow: row, stage, technicianName: technician?.name.split(' ')[0] ?? '', language: tenant.language, publicUrl: deps.publicUrl, at, key: String(at.getTime()),
  });
}

export async function transitionCase(deps: CaseDeps, actor: CaseActor, id: string, input: z.input<typeof ZTransition>) {
  const data = parseInput(ZTransition, input, 'transition');
  const now = deps.clock.now();
  const from = await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, data, now));
  return finish(deps, id, (row) =>
    deps.events.emit('case.status_changed', { tenantId: row.tenantId, caseId: id, reference: row.reference, from, to: data.to }),
  );
}

export async function updateCase(deps: CaseDeps, actor: CaseActor, id: string, input: z.input<typeof ZUpdateCase>) {
  const patch = parseInput(ZUpdateCase, input, 'case');
  requireWrite(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id);
    const protocol = (await createProtocolRepository(tx).findById(row.protocolId))!;
    const intake = patch.intake ? validateIntake(protocol, { ...row.intake, ...patch.intake }) : undefined;
    const customers = createCustomerRepository(tx);
    if (patch.siteId) {
      const site = await customers.findSite(patch.siteId);
      if (!site || site.customerId !== row.customerId) throw invalidField('siteId', "not a site of the case's customer");
    }
    let assetType: string | null = null;
    if (patch.assetId) {
      const asset = await customers.findAsset(patch.assetId);
      if (!asset || asset.customerId !== row.customerId) throw invalidField('assetId', "not an asset of the case's customer");
      assetType = asset.applianceType;
    }
    const next = {
      intake,
      description: patch.description,
      priority: patch.priority,
      siteId: patch.siteId,
      assetId: patch.assetId,
      applianceType: intake || patch.assetId !== undefined ? applianceTypeOf(protocol.intakeSchema, intake ?? row.intake, assetType) : undefined,
    };
    const changed = Object.keys(next).filter((k) => {
      const value = next[k as keyof typeof next];
      return value !== undefined && JSON.stringify(value) !== JSON.stringify(row[k as keyof CaseRow]);
    });
    if (changed.length === 0) return;
    const pick = (source: object) => Object.fromEntries(changed.map((k) => [k, (source as Record<string, unknown>)[k]]));
    await createCaseRepository(tx).updateCaseFields(id, next, now);
    await createCaseRepository(tx).appendEvent({
      caseId: id, tenantId: row.tenantId, at: now, actor: timelineActor(actor), kind: 'updated', before: pick(row), after: pick(next),
    });
  });
  return finish(deps, id, (row) => deps.events.emit('case.updated', { tenantId: row.tenantId, caseId: id, reference: row.reference }));
}

export async function addCaseNote(deps: CaseDeps, actor: CaseActor, id: string, input: z.input<typeof ZNote>) {
  const data = parseInput(ZNote, input, 'note');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id);
    await createCaseRepository(tx).appendEvent({
      caseId: id, tenantId: row.tenantId, at: now, actor: timelineActor(actor), kind: 'note_added', data: { text: data.text },
    });
  });
  return finish(deps, id, (row) => deps.events.emit('case.updated', { tenantId: row.tenantId, caseId: id, reference: row.reference }));
}

/** Hands a case to a technician user (dispatch builds its offers on top of this). */
export async function assignCase(deps: CaseDeps, actor: CaseActor, id: string, input: z.input<typeof ZAssign>) {
  const data = parseInput(ZAssign, input, 'assignment');
  if (!isAutomated(actor)) requirePermission(actor, 'case.assign');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id);
    if (data.userId) {
      const [user] = await tx.query<{ role: string; allTenants: boolean; tenantIds: string[] }>(
        `select role, all_tenants as "allTenants",
           coalesce((select array_agg(tenant_id::text) from user_tenants where user_id = u.id), '{}') as "tenantIds"
         from users u where id = $1 and active`,
        [data.userId],
      );
      const serves = user && canSeeTenant({ kind: 'user', id: data.userId, name: '', role: 'technician', allTenants: user.allTenants, tenantIds: user.tenantIds }, row.tenantId);
      if (!user || user.role !== 'technician' || !serves) throw invalidField('userId', 'not a technician of this tenant');
    }
    await createCaseRepository(tx).updateCaseFields(id, { assignedUserId: data.userId }, now);
    await createCaseRepository(tx).appendEvent({
      caseId: id, tenantId: row.tenantId, at: now, actor: timelineActor(actor), kind: 'assigned',
      before: { assignedUserId: row.assignedUserId }, after: { assignedUserId: data.userId },
    });
  });
  return finish(deps, id, (row) => deps.events.emit('case.updated', { tenantId: row.tenantId, caseId: id, reference: row.reference }));
}
