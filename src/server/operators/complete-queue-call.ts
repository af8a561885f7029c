import type { z } from 'zod';
import { ZCompleteQueueCall, ZWrapUp } from '../../shared/api/operators.ts';
import type { Principal } from '../auth/principal.ts';
import { addCaseNote, updateCase } from '../cases/change-case.ts';
import { createCase } from '../cases/create-case.ts';
import { invalidField } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { visibleQueueCall, type OperatorDeps } from './operator-deps.ts';
import { operatorAgent, wrapUpCodesOf } from './operator-views.ts';

/**
 * The operator's protocol form: updates the case the call is about, or opens one with the case
 * API's own rules (intake validated against the protocol in force, duplicate guard, override
 * reason on both timelines). The case is linked to the stay so wrap-up notes land on it.
 */
export async function completeQueueCall(deps: OperatorDeps, principal: Principal, id: string, input: z.input<typeof ZCompleteQueueCall>) {
  const data = parseInput(ZCompleteQueueCall, input, 'form');
  const row = await visibleQueueCall(deps, principal, id);
  // An override asks for a second case on purpose, even when the call is already linked to one.
  const caseId = data.caseId ?? (data.override ? undefined : (row.caseId ?? row.context.caseId));
  if (caseId) {
    const existing = await deps.cases.findCase(caseId);
    if (!existing || existing.tenantId !== row.tenantId) throw invalidField('caseId', "not a case of the call's tenant");
    const updated = await updateCase(deps, principal, caseId, { intake: data.intake, ...(data.description !== undefined ? { description: data.description } : {}) });
    await deps.acd.linkCase(row.id, updated.id);
    return { caseId: updated.id, reference: updated.reference, created: false, duplicate: false };
  }
  const result = await createCase(deps, principal, {
    tenantId: row.tenantId, callerPhone: row.callerId, intake: data.intake, description: data.description ?? '', channel: 'operator',
    ...(row.context.customerId ? { customerId: row.context.customerId } : {}),
    ...(data.override ? { allowDuplicate: true, overrideReason: data.override.reason } : {}),
  });
  await deps.acd.linkCase(row.id, result.case.id);
  return { caseId: result.case.id, reference: result.case.reference, created: !result.duplicate, duplicate: result.duplicate };
}

/** Ends wrap-up early with one of the tenant's codes; notes go on the case's timeline when there is a case. */
export async function wrapUpQueueCall(deps: OperatorDeps, principal: Principal, id: string, input: z.input<typeof ZWrapUp>) {
  const data = parseInput(ZWrapUp, input, 'wrap-up');
  const agent = await operatorAgent(deps, principal);
  const row = await visibleQueueCall(deps, principal, id, 'queue.answer');
  const codes = await wrapUpCodesOf(deps, row.tenantId);
  if (!codes.includes(data.code)) throw invalidField('code', `not one of the tenant's codes (${codes.join(', ')})`);
  const { caseId } = await deps.acd.wrapUp(agent.userId, id, { code: data.code, ...(data.notes ? { notes: data.notes } : {}) });
  if (caseId) {
    await addCaseNote(deps, principal, caseId, { text: data.notes ? `${data.code}: ${data.notes}` : data.code });
  }
  return { queueCallId: id, code: data.code };
}
