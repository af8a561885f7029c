import type { z } from 'zod';
import { ZDispatchRequest, type TCaseDispatch, type TStoredDecision } from '../../shared/api/dispatch.ts';
import { requirePermission, type Principal } from '../auth/principal.ts';
import { timelineActor, type CaseActor, isAutomated } from '../cases/case-access.ts';
import { loadVisibleCase } from '../cases/query-cases.ts';
import type { CaseRow } from '../cases/case-repository.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import type { Queryable } from '../platform/db/database.ts';
import { parseInput } from '../platform/validation.ts';
import { lockCase, moveCase, setAssignee } from './case-moves.ts';
import { emitChanges, type DispatchDeps, type TStatusChange } from './dispatch-deps.ts';
import { createDispatchRepository, toDispatch } from './dispatch-repository.ts';
import { startRound } from './offer-rounds.ts';
import { planDispatch, policyInForce } from './plan-dispatch.ts';

/** Cases that can be (re)dispatched: not yet taken, or taken and being handed to someone else. */
const dispatchable = new Set(['new', 'reopened', 'dispatched', 'accepted', 'en_route', 'on_site']);
/** How long a round that waits for business hours sleeps before it looks again. */
export const waitingRetryMs = 15 * 60_000;

/** Ends the case's open rounds and pending offers: a new round replaces them, closure ends them. */
export async function endOpenRounds(tx: Queryable, caseId: string, at: Date, note: string) {
  const repo = createDispatchRepository(tx);
  const offers = await repo.cancelPendingOffersForCase(caseId, at, note);
  const rounds = await repo.cancelOpenForCase(caseId, at);
  return { offers: offers.length, rounds: rounds.length };
}

/** A case taken by someone goes back to "dispatched" before it is offered to someone else. */
async function releaseCase(tx: Queryable, row: CaseRow, actor: CaseActor, at: Date, changes: TStatusChange[]) {
  const who = timelineActor(actor);
  if (['accepted', 'en_route', 'on_site'].includes(row.status)) await moveCase(tx, row, 'dispatched', who, at, changes);
  await setAssignee(tx, row, null, who, at);
}

function manualDecision(technicianId: string, name: string, by: string, policy: { strategy: string }): TStoredDecision {
  return {
    mode: 'working_hours', reason: 'manual', strategy: policy.strategy, chosen: technicianId,
    weights: { distance: 0, specialisation: 0, availability: 0, load: 0, fairness: 0 }, considered: 1, eligibleCount: 1, excludedCounts: {},
    candidates: [], summary: `${name} chosen by hand by ${by}.`, travel: 'great_circle', onCallFallback: false,
    manual: { technicianId, by },
  };
}

/**
 * Dispatches a case: by the tenant's policy, or to the technician named (by hand). A case
 * already offered or taken is reassigned: its pending offers end and the new round starts.
 */
export async function dispatchCaseRow(deps: DispatchDeps, actor: CaseActor, caseId: string, input: z.input<typeof ZDispatchRequest>) {
  const data = parseInput(ZDispatchRequest, input, 'dispatch');
  const snapshot = await deps.cases.findCase(caseId);
  if (!snapshot) throw new AppError('not_found', 'case not found');
  const policy = await policyInForce(deps, snapshot.tenantId);
  let manual: TStoredDecision | undefined;
  if (data.technicianId) {
    const technician = await deps.technicians.findTechnician(data.technicianId);
    if (!technician || !technician.active || !technician.tenantIds.includes(snapshot.tenantId)) throw invalidField('technicianId', 'not an active technician of this tenant');
    manual = manualDecision(technician.id, technician.name, actor.name, policy);
  }
  // The decision reads the roster outside the transaction: scoring must not hold the case lock.
  const plan = manual ? { decision: manual, candidateIds: [data.technicianId!] } : await planDispatch(deps, snapshot);
  const at = deps.clock.now();
  const changes: TStatusChange[] = [];
  const createdBy = isAutomated(actor) ? actor.name : `${actor.kind}:${actor.id}`;
  const dispatchId = await deps.db.transaction(async (tx) => {
    const row = (await lockCase(tx, caseId))!;
    if (!dispatchable.has(row.status)) {
      throw new AppError('invalid_transition', `a ${row.status} case cannot be dispatched`, [{ path: 'status', message: `not dispatchable from ${row.status}` }]);
    }
    await endOpenRounds(tx, row.id, at, 'replaced by a new dispatch');
    await releaseCase(tx, row, actor, at, changes);
    const waitUntil = plan.decision.reason === 'out_of_hours' ? new Date(at.getTime() + waitingRetryMs) : undefined;
    const ctx = { at, publicUrl: deps.publicUrl, offerTimeoutSeconds: policy.offerTimeoutSeconds, changes };
    const round = await startRound(tx, row, { ...plan, mode: manual ? 'manual' : 'automatic', createdBy, waitUntil }, ctx);
    return round.id;
  });
  emitChanges(deps, changes);
  if (changes.length) deps.events.emit('case.updated', { tenantId: snapshot.tenantId, caseId, reference: snapshot.reference });
  const dispatch = (await createDispatchRepository(deps.db).findDispatch(dispatchId))!;
  if (dispatch.status === 'escalated') deps.events.emit('dispatch.escalated', { tenantId: snapshot.tenantId, caseId, reference: snapshot.reference, dispatchId });
  return dispatchId;
}

export async function dispatchCase(deps: DispatchDeps & CaseDeps, actor: Principal, key: string, input: z.input<typeof ZDispatchRequest>): Promise<TCaseDispatch> {
  requirePermission(actor, 'case.assign');
  const row = await loadVisibleCase(deps, actor, key);
  await dispatchCaseRow(deps, actor, row.id, input);
  return getCaseDispatch(deps, actor, row.id);
}

/** The case's latest round with its offers and decision, and the technicians it could go to by hand. */
export async function getCaseDispatch(deps: DispatchDeps & CaseDeps, actor: Principal, key: string): Promise<TCaseDispatch> {
  requirePermission(actor, 'case.assign');
  const row = await loadVisibleCase(deps, actor, key);
  const repo = createDispatchRepository(deps.db);
  const latest = await repo.findLatestForCase(row.id);
  const technicians = await deps.technicians.listTechnicians({ tenantId: row.tenantId, active: true, limit: 1000 });
  return {
    current: latest ? toDispatch(latest, await repo.listOffersOfDispatch(latest.id)) : null,
    technicians: technicians.map((t) => ({ id: t.id, name: t.name, state: t.state })),
  };
}

export async function listDispatchAlerts(deps: Pick<DispatchDeps, 'db'>, actor: Principal) {
  requirePermission(actor, 'case.assign');
  const rows = await createDispatchRepository(deps.db).listEscalations(actor.allTenants ? null : actor.tenantIds, 100);
  return { items: rows.map((r) => ({ ...r, escalatedAt: r.escalatedAt.toISOString() })) };
}
