export type Listener<T> = (payload: T) => void;

export interface Emitter<Events extends Record<string, unknown>> {
  /** Returns a function that removes the listener. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
  clear(): void;
}

/**
 * A typed emitter whose listener errors are reported instead of thrown: an application bug in a call handler
 * must not unwind the SIP stack in the middle of a transaction.
 */
export function createEmitter<Events extends Record<string, unknown>>(
  onListenerError: (error: unknown, event: string) => void,
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener<never>);
      return () => set.delete(listener as Listener<never>);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<typeof payload>)(payload);
        } catch (error) {
          onListenerError(error, String(event));
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
