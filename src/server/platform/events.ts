import type { TAgentState } from '../../shared/api/operators.ts';

/** Typed in-process events, named noun.verb in the past tense. */
export interface DeskEvents {
  'case.created': { tenantId: string; caseId: string; reference: string };
  'case.updated': { tenantId: string; caseId: string; reference: string };
  'case.status_changed': { tenantId: string; caseId: string; reference: string; from: string; to: string };
  'case.duplicate_attempted': { tenantId: string; caseId: string; reference: string; rule: string };
  'tenant.updated': { tenantId: string };
  'protocol.published': { tenantId: string; version: number };
  /** tenantId null: a desk-wide entry, seen by every tenant. */
  'knowledge.published': { tenantId: string | null; entryId: string; slug: string; version: number };
  'dispatch.escalated': { tenantId: string; caseId: string; reference: string; dispatchId: string };
  // The operators' queues: presence, offers and calls, fanned out to the console's live stream.
  'agent.state_changed': { userId: string; state: TAgentState; stateSince: string; reason: string };
  'queue_call.offered': { tenantId: string; queueCallId: string; agentUserId: string; ringTimeoutSeconds: number };
  'queue_call.offer_withdrawn': { tenantId: string; queueCallId: string; agentUserId: string; reason: string };
  'queue_call.connected': { tenantId: string; queueCallId: string; agentUserId: string };
  'queue_call.held': { tenantId: string; queueCallId: string; agentUserId: string };
  'queue_call.resumed': { tenantId: string; queueCallId: string; agentUserId: string };
  'queue_call.ended': { tenantId: string; queueCallId: string; agentUserId: string; by: 'caller' | 'operator' | 'transfer' | 'system'; wrapUpUntil?: string };
  'queue.changed': { tenantId: string };
}

export type EventName = keyof DeskEvents;
type Handler<K extends EventName> = (payload: DeskEvents[K]) => void;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: DeskEvents[K]): void;
  on<K extends EventName>(name: K, handler: Handler<K>): () => void;
}

export function createEventBus(onHandlerError: (error: unknown) => void = () => {}): EventBus {
  const handlers = new Map<EventName, Set<Handler<EventName>>>();
  return {
    emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          (handler as Handler<typeof name>)(payload);
        } catch (error) {
          onHandlerError(error);
        }
      }
    },
    on(name, handler) {
      const set = handlers.get(name) ?? new Set();
      set.add(handler as Handler<EventName>);
      handlers.set(name, set);
      return () => set.delete(handler as Handler<EventName>);
    },
  };
}
