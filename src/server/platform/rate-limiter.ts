import type { Clock } from './clock.ts';

/**
 * Fixed-window counters per key (an IP address, a reference). In memory, per process: enough to
 * make guessing slow on a desk that runs as one process; a fleet behind a balancer would share it.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; clock: Clock; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 50_000;
  return {
    /** Counts one attempt; false when the key has used up its window. */
    take(key: string): boolean {
      const now = options.clock.now().getTime();
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        if (!w && windows.size >= maxKeys) {
          for (const [k, old] of windows) if (now - old.start >= options.windowMs) windows.delete(k);
          // Still full: forget the oldest rather than grow without bound under a flood of keys.
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= options.limit;
    },
    /** Milliseconds until the key's window ends (0 when it has none). */
    retryAfterMs(key: string): number {
      const w = windows.get(key);
      return w ? Math.max(0, w.start + options.windowMs - options.clock.now().getTime()) : 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
