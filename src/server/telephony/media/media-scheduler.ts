export interface MediaTickTarget {
  /** `latenessMs` is how far past the tick's due time it ran, so each call can count its own late ticks. */
  onTick(tick: number, nowMs: number, latenessMs: number): void;
}

export interface MediaTimer {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MediaSchedulerOptions {
  /** Monotonic milliseconds; wall-clock time would jump with NTP adjustments. */
  now?: () => number;
  timer?: MediaTimer;
  intervalMs?: number;
  lateThresholdMs?: number;
  /** Ticks run back to back after a stall before the rest are skipped, so a long stall does not flood peers. */
  maxCatchUpTicks?: number;
  /** How many recent lateness samples the percentiles are computed over. */
  statsWindow?: number;
  /** A failing call must not stop the others' media; the owner decides what to do with it. */
  onTickError: (error: unknown, target: MediaTickTarget) => void;
}

export interface MediaTickStats {
  ticks: number;
  skippedTicks: number;
  lateTicks: number;
  p50LatenessMs: number;
  p99LatenessMs: number;
  maxLatenessMs: number;
}

export interface MediaScheduler {
  start(): void;
  stop(): void;
  /** Returns a function that unregisters the target. */
  register(target: MediaTickTarget): () => void;
  unregister(target: MediaTickTarget): void;
  readonly size: number;
  stats(): MediaTickStats;
}

const systemTimer: MediaTimer = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * One timer for every call: tick n is due at start + n * interval, computed from the start rather than the
 * previous tick, so timer lateness never accumulates into drift.
 */
export function createMediaScheduler(options: MediaSchedulerOptions): MediaScheduler {
  const now = options.now ?? (() => performance.now());
  const timer = options.timer ?? systemTimer;
  const intervalMs = options.intervalMs ?? 20;
  const lateThresholdMs = options.lateThresholdMs ?? 5;
  const maxCatchUpTicks = options.maxCatchUpTicks ?? 5;
  const window = new Float64Array(options.statsWindow ?? 3000);
  if (!(intervalMs > 0) || window.length === 0 || maxCatchUpTicks < 1) throw new RangeError('invalid scheduler options');
  const targets = new Set<MediaTickTarget>();
  let running = false;
  let handle: unknown;
  let startMs = 0;
  let nextTick = 1;
  let ticks = 0;
  let skippedTicks = 0;
  let lateTicks = 0;
  let maxLatenessMs = 0;
  let recorded = 0;

  const dueMs = (tick: number): number => startMs + tick * intervalMs;

  function record(latenessMs: number): void {
    window[recorded % window.length] = latenessMs;
    recorded++;
    ticks++;
    if (latenessMs > lateThresholdMs) lateTicks++;
    if (latenessMs > maxLatenessMs) maxLatenessMs = latenessMs;
  }

  function scheduleNext(): void {
    handle = timer.setTimeout(run, Math.max(0, dueMs(nextTick) - now()));
  }

  function run(): void {
    handle = undefined;
    if (!running) return;
    let current = now();
    let ran = 0;
    while (running && dueMs(nextTick) <= current) {
      if (ran === maxCatchUpTicks) {
        const resumeAt = Math.floor((current - startMs) / intervalMs) + 1;
        skippedTicks += resumeAt - nextTick;
        nextTick = resumeAt;
        break;
      }
      const latenessMs = current - dueMs(nextTick);
      record(latenessMs);
      for (const target of targets) {
        try {
          target.onTick(nextTick, current, latenessMs);
        } catch (error) {
          options.onTickError(error, target);
        }
      }
      nextTick++;
      ran++;
      current = now();
    }
    if (running) scheduleNext();
  }

  return {
    start() {
      if (running) return;
      running = true;
      startMs = now();
      nextTick = 1;
      scheduleNext();
    },
    stop() {
      running = false;
      if (handle !== undefined) timer.clearTimeout(handle);
      handle = undefined;
    },
    register(target) {
      targets.add(target);
      return () => targets.delete(target);
    },
    unregister(target) {
      targets.delete(target);
    },
    get size() {
      return targets.size;
    },
    stats() {
      const sorted = window.slice(0, Math.min(recorded, window.length)).sort();
      return {
        ticks,
        skippedTicks,
        lateTicks,
        p50LatenessMs: percentile(sorted, 0.5),
        p99LatenessMs: percentile(sorted, 0.99),
        maxLatenessMs,
      };
    },
  };
}
