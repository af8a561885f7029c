import type { TAgentState, TQueueCallStatus } from '../../shared/api/operators.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { AcdTelephony, TLegId, TRingHandle } from './acd-telephony.ts';
import type { AcdRepository, QueueCallContext, QueueRow } from './acd-repository.ts';
import type { RoutingAgent } from './routing.ts';

/** Timers the queues set (ring timeout, wrap-up, callback offer); tests drive them with the manual clock. */
export interface AcdTimers {
  set(ms: number, fire: () => void): () => void;
}

export const systemTimers: AcdTimers = {
  set(ms, fire) {
    const timer = setTimeout(fire, Math.max(0, ms));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface LiveAgent extends RoutingAgent {
  name: string;
  extension: string | null;
  stateSince: Date;
  /** Offers in a row that rang out. */
  misses: number;
  /** The stay the operator is being offered, talking on, or wrapping up. */
  queueCallId?: string;
}

/** One ring of an operator's phone for a stay; stale answers of an older ring are ignored by token. */
export interface LiveRing {
  token: number;
  agentUserId: string;
  handle?: TRingHandle;
  cancelTimeout: () => void;
  /** The status the stay goes back to if the ring fails. */
  returnTo: 'waiting' | 'callback_waiting';
}

export interface LiveCall {
  id: string;
  tenantId: string;
  queueId: string;
  callerId: string;
  callerName?: string;
  language: TLanguage;
  priority: number;
  context: QueueCallContext;
  enqueuedAt: Date;
  positionAt: Date;
  status: TQueueCallStatus;
  /** The caller's leg (the call record's id for an inbound call); absent while a callback waits. */
  leg?: TLegId;
  callRecordId: string | null;
  offers: number;
  triedAgents: string[];
  targetAgentUserId?: string;
  ring?: LiveRing;
  agentUserId?: string;
  agentLeg?: TLegId;
  answeredAt?: Date;
  heldSince?: Date;
  holdSeconds: number;
  wrapUpStartedAt?: Date;
  wrapUpUntil?: Date;
  cancelWrapUp?: () => void;
  callbackOffered: boolean;
  lastAnnouncedPosition?: number;
  lastAnnouncedAt?: number;
  cancelCallbackOffer?: () => void;
  callbackNumber?: string;
  /** The outgoing call to the customer while a callback is being dialled. */
  dial?: TRingHandle;
  /** The stay ended in a transfer: the operator still wraps it up, but its row keeps `transferred`. */
  transferred?: boolean;
  /** An attended transfer: the consulted operator, rung and then on the line with the first one. */
  consult?: { agentUserId: string; token: number; handle?: TRingHandle; leg?: TLegId; cancelTimeout: () => void };
  transferredFrom?: string;
  caseId?: string;
}

export type LegRole = 'caller' | 'agent' | 'consult';

export interface AcdState {
  agents: Map<string, LiveAgent>;
  calls: Map<string, LiveCall>;
  queues: Map<string, QueueRow>;
  legs: Map<TLegId, { queueCallId: string; role: LegRole }>;
  roundRobin: Map<string, string>;
  /** Recent handle times per queue (seconds), newest last, for the wait a caller is told. */
  handleTimes: Map<string, number[]>;
  nextToken: number;
}

export interface AcdDeps {
  db: Database;
  repo: AcdRepository;
  clock: Clock;
  timers: AcdTimers;
  events: EventBus;
  log: Logger;
  /** The tenant's line shown as caller ID when the queues dial a callback. */
  lineNumberOf(tenantId: string): Promise<string | undefined>;
}

/** What every part of the running ACD shares: its dependencies, its memory and its one lane of changes. */
export interface AcdContext extends AcdDeps {
  state: AcdState;
  telephony(): AcdTelephony;
  /** Runs changes one at a time, so memory and the database move together. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** Asks for a routing pass after the current change. */
  kick(): void;
}

export const openStatuses: readonly TQueueCallStatus[] = ['waiting', 'offered', 'callback_waiting', 'callback_dialling'];

export function secondsBetween(from: Date | undefined, to: Date): number {
  return from ? Math.max(0, (to.getTime() - from.getTime()) / 1000) : 0;
}

export const isAgentBusy = (state: TAgentState): boolean => state === 'ringing' || state === 'on_call' || state === 'wrap_up';
