import type { Acd } from '../acd/acd.ts';
import type { AcdRepository, QueueCallRow } from '../acd/acd-repository.ts';
import { canSeeTenant, requirePermission, type Action, type Principal } from '../auth/principal.ts';
import type { CallRepository } from '../calls/call-repository.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { notFound } from '../platform/errors.ts';
import type { SipAccountRepository } from '../registrar/sip-account-repository.ts';

/** What the operators' console use cases need: the running queues, their records, and the case desk. */
export interface OperatorDeps extends CaseDeps {
  acd: Acd;
  queues: AcdRepository;
  calls: CallRepository;
  sipAccounts: SipAccountRepository;
}

/** A stay the principal may see (its tenant), or 404 — another tenant's call does not exist for them. */
export async function visibleQueueCall(deps: OperatorDeps, principal: Principal, id: string, action: Action = 'queue.read'): Promise<QueueCallRow> {
  requirePermission(principal, action);
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await deps.queues.findQueueCall(id) : undefined;
  if (!row || !canSeeTenant(principal, row.tenantId)) throw notFound('queue call');
  return row;
}

export const startOfDay = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
