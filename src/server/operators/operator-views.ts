import type { TActiveCall, TMe, TQueueBoard, TSupervisorOverview } from '../../shared/api/operators.ts';
import { defaultWrapUpCodes } from '../../shared/api/operators.ts';
import type { LiveAgent, LiveCall } from '../acd/acd-context.ts';
import { openStatuses } from '../acd/acd-context.ts';
import { routingCall } from '../acd/offer-calls.ts';
import { queuePositions } from '../acd/routing.ts';
import { canSeeTenant, requirePermission, tenantScope, type Principal } from '../auth/principal.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { startOfDay, type OperatorDeps } from './operator-deps.ts';
import { buildScreenPop } from './screen-pop.ts';

/** The service-level target (answered within) used by the supervisor's figure. */
const serviceLevelTargetSeconds = 20;

export async function operatorAgent(deps: OperatorDeps, principal: Principal): Promise<LiveAgent> {
  requirePermission(principal, 'queue.answer');
  if (principal.kind !== 'user') throw new AppError('forbidden', 'only a signed-in operator has a place in the queues');
  if (!deps.acd.state.agents.has(principal.id)) await deps.acd.refreshAgent(principal.id);
  const agent = deps.acd.state.agents.get(principal.id);
  if (!agent) throw notFound('operator');
  return agent;
}

export async function wrapUpCodesOf(deps: OperatorDeps, tenantId: string): Promise<string[]> {
  const settings = await deps.queues.tenantOperatorSettings(tenantId);
  return settings?.wrapUpCodes ?? [...defaultWrapUpCodes];
}

/** The call the operator is on or wrapping up, as the console shows it. */
export async function activeCallOf(deps: OperatorDeps, call: LiveCall): Promise<TActiveCall | undefined> {
  if (call.status !== 'connected' && call.status !== 'wrap_up') return undefined;
  const consultAgent = call.consult ? deps.acd.state.agents.get(call.consult.agentUserId) : undefined;
  return {
    queueCallId: call.id, tenantId: call.tenantId, callerId: call.callerId,
    status: call.status === 'wrap_up' ? 'wrap_up' : call.heldSince ? 'held' : 'connected',
    since: (call.status === 'wrap_up' ? call.wrapUpStartedAt : call.answeredAt ?? call.enqueuedAt)!.toISOString(),
    ...(call.wrapUpUntil && call.status === 'wrap_up' ? { wrapUpUntil: call.wrapUpUntil.toISOString() } : {}),
    ...(call.consult && consultAgent ? { consulting: { agentUserId: consultAgent.userId, name: consultAgent.name, answered: Boolean(call.consult.leg) } } : {}),
    wrapUpCodes: await wrapUpCodesOf(deps, call.tenantId),
  };
}

export async function getMe(deps: OperatorDeps, principal: Principal, sipDomain: string): Promise<TMe> {
  const agent = await operatorAgent(deps, principal);
  const account = await deps.sipAccounts.findByUser(agent.userId);
  const call = agent.queueCallId ? deps.acd.state.calls.get(agent.queueCallId) : undefined;
  const offered = call && agent.state === 'ringing' ? await deps.queues.findQueueCall(call.id) : undefined;
  const active = call && call.agentUserId === agent.userId ? await activeCallOf(deps, call) : undefined;
  return {
    agent: {
      userId: agent.userId, name: agent.name, state: agent.state, stateSince: agent.stateSince.toISOString(),
      skills: { tenantIds: agent.tenantIds ? [...agent.tenantIds] : [...principal.tenantIds], languages: [...agent.languages], level: agent.level },
      sip: account ? sipView(deps, account, sipDomain) : null,
    },
    ...(offered ? { offer: await buildScreenPop(deps, offered, agent.name) } : {}),
    ...(active ? { call: active } : {}),
  };
}

function sipView(deps: OperatorDeps, account: { extension: string; username: string }, domain: string) {
  const status = deps.acd.registrationOf(account.extension);
  return {
    extension: account.extension, username: account.username, domain, registered: status.registered,
    ...(status.contact ? { contact: status.contact } : {}), ...(status.userAgent ? { userAgent: status.userAgent } : {}),
  };
}

/** Calls waiting in the queues of the tenants the principal may see. */
export function getQueueBoard(deps: Pick<OperatorDeps, 'acd' | 'clock'>, principal: Principal): TQueueBoard {
  requirePermission(principal, 'queue.read');
  const { state } = deps.acd;
  const open = [...state.calls.values()].filter((c) => openStatuses.includes(c.status));
  const positions = queuePositions(open.map(routingCall), state.queues);
  const now = deps.clock.now().getTime();
  const calls = open
    .filter((c) => canSeeTenant(principal, c.tenantId))
    .map((c) => {
      const queue = state.queues.get(c.queueId)!;
      return {
        queueCallId: c.id, tenant: { id: c.tenantId, name: queue.tenantName }, queue: { id: queue.id, name: queue.name }, callerId: c.callerId,
        status: c.status, position: positions.get(c.id) ?? 1, waitingSeconds: Math.round((now - c.enqueuedAt.getTime()) / 1000),
        collected: {
          intake: c.context.intake ?? {}, path: c.context.path ?? [],
          ...(c.caseId ? { caseId: c.caseId } : {}), ...(c.context.caseReference ? { caseReference: c.context.caseReference } : {}),
        },
      };
    })
    .sort((a, b) => a.queue.name.localeCompare(b.queue.name) || a.position - b.position);
  return { calls };
}

/** Operators and queues with today's figures, for managers and administrators. */
export async function getSupervisorOverview(deps: OperatorDeps, principal: Principal): Promise<TSupervisorOverview> {
  requirePermission(principal, 'queue.supervise');
  const { state } = deps.acd;
  const scope = tenantScope(principal);
  const now = deps.clock.now();
  const figures = new Map((await deps.queues.queueDayFigures(startOfDay(now), serviceLevelTargetSeconds)).map((f) => [f.queueId, f]));
  const agents = [...state.agents.values()]
    .filter((a) => scope === null || a.tenantIds === null || a.tenantIds.some((t) => scope.includes(t)))
    .map((a) => ({
      userId: a.userId, name: a.name, state: a.state, stateSince: a.stateSince.toISOString(), callsToday: a.callsToday,
      extension: a.extension, registered: a.registered,
    }));
  const open = [...state.calls.values()].filter((c) => openStatuses.includes(c.status));
  const queues = [...state.queues.values()]
    .filter((q) => scope === null || scope.includes(q.tenantId))
    .map((q) => {
      const waiting = open.filter((c) => c.queueId === q.id);
      const f = figures.get(q.id);
      const base = f ? f.offered - f.shortAbandoned : 0;
      return {
        id: q.id, tenant: { id: q.tenantId, name: q.tenantName }, name: q.name, waiting: waiting.length,
        longestWaitSeconds: Math.round(Math.max(0, ...waiting.map((c) => (now.getTime() - c.enqueuedAt.getTime()) / 1000))),
        answeredToday: f?.answered ?? 0, abandonedToday: f?.abandoned ?? 0,
        serviceLevelToday: f && base > 0 ? Math.round((f.inTarget / base) * 1000) / 1000 : null,
      };
    });
  return { agents, queues };
}
