import { ZFieldAction, type TFieldAction } from '../../shared/api/field.ts';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { applyTransition } from '../cases/change-case.ts';
import { createCaseRepository } from '../cases/case-repository.ts';
import { timelineActor } from '../cases/case-access.ts';
import { applyOfferAnswer } from '../dispatch/answer-offer.ts';
import { emitChanges, type DispatchDeps, type TStatusChange } from '../dispatch/dispatch-deps.ts';
import { createDispatchRepository } from '../dispatch/dispatch-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { createTechnicianRepository, type TechnicianRow } from '../technicians/technician-repository.ts';
import { createFieldRepository } from './field-repository.ts';
import { requireFieldTechnician } from './field-overview.ts';

type TAction = z.output<typeof ZFieldAction>;
type TResult = { caseId: string | null; status: TStatusChange['to'] | null };

async function applyOne(tx: Queryable, deps: DispatchDeps & CaseDeps, actor: Principal, technician: TechnicianRow, action: TAction, at: Date, changes: TStatusChange[]): Promise<TResult> {
  if (action.kind === 'accept_offer' || action.kind === 'decline_offer') {
    const offer = await createDispatchRepository(tx).findOffer(action.offerId);
    // Another technician's offer does not exist for this one.
    if (!offer || offer.technicianId !== technician.id) throw notFound('offer');
    const answer = await applyOfferAnswer(tx, deps, offer.id, action.kind === 'accept_offer' ? 'accept' : 'decline', 'app', { at, publicUrl: deps.publicUrl, changes });
    if (answer.outcome === 'gone' || (answer.outcome === 'expired' && action.kind === 'accept_offer')) {
      throw new AppError('conflict', 'this offer was already answered, withdrawn or expired');
    }
    const status = (await createCaseRepository(tx).findCase(offer.caseId))!.status;
    return { caseId: offer.caseId, status };
  }
  if (action.kind === 'set_status') {
    await applyTransition(tx, deps, actor, action.caseId, { to: action.to }, at);
    return { caseId: action.caseId, status: action.to };
  }
  if (action.kind === 'resolve') {
    const row = await createCaseRepository(tx).findCase(action.caseId);
    if (!row || row.assignedUserId !== actor.id) throw notFound('case');
    const r = action.report;
    const reportId = await createFieldRepository(tx).insertReport({
      tenantId: row.tenantId, caseId: row.id, technicianId: technician.id, workDone: r.workDone, parts: r.parts, minutes: r.minutes,
      signature: r.signature ? Buffer.from(r.signature.slice(r.signature.indexOf(',') + 1), 'base64') : null, signedBy: r.signedBy ?? null, at,
    });
    await createCaseRepository(tx).appendEvent({
      caseId: row.id, tenantId: row.tenantId, at, actor: timelineActor(actor), kind: 'job_report',
      data: { reportId, workDone: r.workDone, parts: r.parts, minutes: r.minutes, signed: Boolean(r.signature), signedBy: r.signedBy ?? null },
    });
    await applyTransition(tx, deps, actor, row.id, { to: 'resolved' }, at);
    await createTechnicianRepository(tx).setState(technician.id, 'free');
    return { caseId: row.id, status: 'resolved' };
  }
  // Reopen on a follow-up: the technician says the job is not done after all (a part to order, a
  // second visit). The desk dispatches the follow-up; the case stays with its history.
  const row = await createCaseRepository(tx).findCase(action.caseId);
  if (!row || row.assignedUserId !== actor.id) throw notFound('case');
  if (row.status !== 'resolved') throw new AppError('invalid_transition', `a ${row.status} case cannot be reopened from the mobile view`, [{ path: 'caseId', message: 'only a resolved job can be reopened' }]);
  await applyTransition(tx, deps, { kind: 'system', name: `${technician.name} (follow-up)` }, row.id, { to: 'reopened', note: action.note }, at);
  return { caseId: row.id, status: 'reopened' };
}

/**
 * Applies one action from the mobile view, once. The action id is claimed in the same
 * transaction as the change, so a replay (the phone resending after a lost answer, or a queue
 * flushed twice) finds it and changes nothing; a failed action claims nothing and can be retried.
 */
export async function applyFieldAction(deps: DispatchDeps & CaseDeps, actor: Principal, input: TFieldAction) {
  const action = parseInput(ZFieldAction, input, 'action');
  const technician = await requireFieldTechnician(deps, actor);
  const at = deps.clock.now();
  const changes: TStatusChange[] = [];
  const outcome = await deps.db.transaction(async (tx) => {
    const field = createFieldRepository(tx);
    if (!(await field.claimAction(actor.id, action.actionId, action.kind, at))) {
      const earlier = (await field.findAction(actor.id, action.actionId))!;
      return { replayed: true, ...earlier.result };
    }
    const result = await applyOne(tx, deps, actor, technician, action, at, changes);
    await field.saveActionResult(actor.id, action.actionId, result);
    return { replayed: false, ...result };
  });
  emitChanges(deps, changes);
  if (!outcome.replayed && outcome.caseId && (action.kind === 'set_status' || action.kind === 'resolve' || action.kind === 'reopen')) {
    const row = (await deps.cases.findCase(outcome.caseId))!;
    deps.events.emit('case.updated', { tenantId: row.tenantId, caseId: row.id, reference: row.reference });
  }
  return { actionId: action.actionId, ...outcome };
}
