import type { TAgentState } from '../../shared/api/operators.ts';
import type { TLanguage } from '../../shared/common.ts';

/**
 * The queues' decisions as plain functions over a snapshot: which call goes first, which
 * operator gets it, what a caller is told about the wait. No I/O, no clock: times are numbers
 * (ms) handed in, so the runner and the tests decide what "now" is.
 */

export type QueueStrategy = 'longest_idle' | 'round_robin' | 'fewest_calls';

export interface RoutingAgent {
  userId: string;
  state: TAgentState;
  /** A phone registered for the operator's extension: nobody is rung on a dead line. */
  registered: boolean;
  /** null: every tenant the operator may see. */
  tenantIds: readonly string[] | null;
  languages: readonly TLanguage[];
  level: number;
  /** When the operator last became free (end of wrap-up, back from break): longest-idle order. */
  idleSince: number;
  callsToday: number;
}

export interface RoutingQueue {
  id: string;
  tenantId: string;
  language: TLanguage | null;
  /** `level:N` (a minimum level) and `lang:xx` (a language besides the queue's). */
  requiredSkills: readonly string[];
  priority: number;
  strategy: QueueStrategy;
}

export interface RoutingCall {
  id: string;
  queueId: string;
  tenantId: string;
  language: TLanguage;
  priority: number;
  /** The place in the queue (ms); a callback keeps the caller's. */
  positionAt: number;
  /** A transfer to a named operator is offered to that operator only. */
  targetAgentUserId?: string;
  /** Operators who let this call ring out: tried again only when nobody else qualifies. */
  triedAgents: readonly string[];
}

export interface PlannedOffer {
  callId: string;
  agentUserId: string;
}

/** Whether the operator has every skill the call needs: the tenant, the language, the level. */
export function agentQualifies(agent: RoutingAgent, queue: RoutingQueue, call: RoutingCall): boolean {
  if (agent.tenantIds !== null && !agent.tenantIds.includes(queue.tenantId)) return false;
  const language = queue.language ?? call.language;
  if (!agent.languages.includes(language)) return false;
  for (const skill of queue.requiredSkills) {
    const [kind, value] = skill.split(':');
    if (kind === 'level' && agent.level < Number(value)) return false;
    if (kind === 'lang' && !agent.languages.includes(value as TLanguage)) return false;
  }
  return true;
}

export const isOfferable = (agent: RoutingAgent): boolean => agent.state === 'available' && agent.registered;

/**
 * Whether anyone could take the call at all: a qualified operator signed in (any state but
 * offline) or with a phone registered. With nobody, a caller would hear hold music forever, so
 * the flow's fallback (voicemail in the demo) is better.
 */
export function queueIsStaffed(agents: Iterable<RoutingAgent>, queue: RoutingQueue, call: RoutingCall): boolean {
  for (const agent of agents) if ((agent.state !== 'offline' || agent.registered) && agentQualifies(agent, queue, call)) return true;
  return false;
}

/** Higher priority first (the queue's plus the call's), then the earlier place. */
export function compareCalls(queues: ReadonlyMap<string, RoutingQueue>) {
  return (a: RoutingCall, b: RoutingCall): number => {
    const pa = (queues.get(a.queueId)?.priority ?? 0) + a.priority;
    const pb = (queues.get(b.queueId)?.priority ?? 0) + b.priority;
    if (pa !== pb) return pb - pa;
    if (a.positionAt !== b.positionAt) return a.positionAt - b.positionAt;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * Picks one operator among those who qualify. `lastOffered` is the queue's round-robin cursor:
 * the next operator after it, in a fixed order, is chosen.
 */
export function chooseAgent(strategy: QueueStrategy, candidates: readonly RoutingAgent[], lastOffered?: string): RoutingAgent | undefined {
  if (candidates.length === 0) return undefined;
  const byIdle = (a: RoutingAgent, b: RoutingAgent) => a.idleSince - b.idleSince || (a.userId < b.userId ? -1 : 1);
  if (strategy === 'longest_idle') return [...candidates].sort(byIdle)[0];
  if (strategy === 'fewest_calls') return [...candidates].sort((a, b) => a.callsToday - b.callsToday || byIdle(a, b))[0];
  const ring = [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  return ring.find((a) => lastOffered === undefined || a.userId > lastOffered) ?? ring[0];
}

/**
 * Matches waiting calls with free operators, most urgent call first; each operator gets at most
 * one offer. A call with no qualified free operator waits without blocking those behind it that
 * other operators can take.
 */
export function planOffers(input: {
  calls: readonly RoutingCall[];
  queues: ReadonlyMap<string, RoutingQueue>;
  agents: readonly RoutingAgent[];
  roundRobin: ReadonlyMap<string, string>;
}): PlannedOffer[] {
  const free = new Map(input.agents.filter(isOfferable).map((a) => [a.userId, a]));
  const planned: PlannedOffer[] = [];
  for (const call of [...input.calls].sort(compareCalls(input.queues))) {
    if (free.size === 0) break;
    const queue = input.queues.get(call.queueId);
    if (!queue) continue;
    let candidates = [...free.values()].filter((a) => agentQualifies(a, queue, call));
    if (call.targetAgentUserId) candidates = candidates.filter((a) => a.userId === call.targetAgentUserId);
    const fresh = candidates.filter((a) => !call.triedAgents.includes(a.userId));
    const agent = chooseAgent(queue.strategy, fresh.length > 0 ? fresh : candidates, input.roundRobin.get(queue.id));
    if (!agent) continue;
    free.delete(agent.userId);
    planned.push({ callId: call.id, agentUserId: agent.userId });
  }
  return planned;
}

/** 1-based places of the open calls of each queue, in serving order. */
export function queuePositions(calls: readonly RoutingCall[], queues: ReadonlyMap<string, RoutingQueue>): Map<string, number> {
  const positions = new Map<string, number>();
  const perQueue = new Map<string, number>();
  for (const call of [...calls].sort(compareCalls(queues))) {
    const place = (perQueue.get(call.queueId) ?? 0) + 1;
    perQueue.set(call.queueId, place);
    positions.set(call.id, place);
  }
  return positions;
}

/**
 * Expected wait for a place in the queue: the callers ahead are served by the staffed operators
 * in parallel, each taking the recent average handle time. Unknown when nobody is staffed or
 * there is no history yet: a caller is better told nothing than something false.
 */
export function estimateWaitSeconds(position: number, averageHandleSeconds: number | undefined, staffed: number): number | undefined {
  if (!averageHandleSeconds || staffed <= 0) return undefined;
  return Math.round(Math.ceil(position / staffed) * averageHandleSeconds);
}

/** After a ring with no answer: repeated misses send the operator to break, so callers stop waiting on them. */
export function stateAfterMissedOffer(consecutiveMisses: number, maxNoAnswers: number): 'available' | 'break' {
  return consecutiveMisses >= maxNoAnswers ? 'break' : 'available';
}

/** Whether a waiting caller should now be offered a callback. */
export function callbackDue(enqueuedAt: number, now: number, callbackAfterSeconds: number | null): boolean {
  return callbackAfterSeconds !== null && now - enqueuedAt >= callbackAfterSeconds * 1000;
}
