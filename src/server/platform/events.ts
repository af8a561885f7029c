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
