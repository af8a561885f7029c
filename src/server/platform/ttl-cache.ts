/**
 * A small read-through cache for rows that change rarely and are read on every request
 * (a tenant, its protocol in force, an API token). Entries expire after `ttlMs`, so another
 * process's change is seen within that time; this process's own changes delete the entry.
 */
export function createTtlCache<V>(ttlMs: number, now: () => number = () => performance.now(), maxEntries = 10_000) {
  const entries = new Map<string, { value: V; expires: number }>();
  const inFlight = new Map<string, Promise<V>>();
  return {
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = load().finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
        const value = await pending;
        // Absence is not remembered: a row created a moment later must be found at once.
        if (value !== undefined) {
          if (entries.size >= maxEntries) entries.clear();
          entries.set(key, { value, expires: now() + ttlMs });
        }
        return value;
      }
      return pending;
    },
    delete(key: string) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}

export type TtlCache<V> = ReturnType<typeof createTtlCache<V>>;
