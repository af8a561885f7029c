import { canSeeTenant, requirePermission, type Principal } from '../auth/principal.ts';
import { notFound } from '../platform/errors.ts';
import type { NewCaseEvent } from './case-repository.ts';

/** Something other than a signed-in person acting on a case: the phone line, the portal, a job. */
export interface AutomatedActor {
  kind: 'system' | 'caller';
  name: string;
}
export type CaseActor = Principal | AutomatedActor;

export const isAutomated = (actor: CaseActor): actor is AutomatedActor => actor.kind === 'system' || actor.kind === 'caller';

export function timelineActor(actor: CaseActor): NewCaseEvent['actor'] {
  if (isAutomated(actor)) return { type: actor.kind, id: null, name: actor.name };
  if (actor.kind === 'token') return { type: 'token', id: actor.id, name: actor.name };
  return { type: actor.role === 'technician' ? 'technician' : 'user', id: actor.id, name: actor.name };
}

/** Cases of other tenants, and other technicians' jobs, answer 404. */
export function requireCaseVisible(actor: CaseActor, c: { tenantId: string; assignedUserId: string | null }): void {
  if (isAutomated(actor)) return;
  requirePermission(actor, 'case.read');
  if (!canSeeTenant(actor, c.tenantId)) throw notFound('case');
  if (actor.role === 'technician' && c.assignedUserId !== actor.id) throw notFound('case');
}
