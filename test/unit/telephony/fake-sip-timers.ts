import type { SipTimers } from '../../../src/server/telephony/sip/sip-timers.ts';

export interface FakeSipTimers extends SipTimers {
  readonly now: number;
  /** Runs every timer due within `ms`, in time order, including timers those callbacks start. */
  advance(ms: number): void;
  pending(): number;
}

export function createFakeSipTimers(): FakeSipTimers {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    get now() {
      return now;
    },
    setTimeout(callback, delayMs) {
      const id = nextId++;
      due.set(id, { at: now + Math.max(0, delayMs), callback });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let nextKey: number | undefined;
        let nextAt = Infinity;
        for (const [id, timer] of due) {
          if (timer.at <= end && timer.at < nextAt) {
            nextAt = timer.at;
            nextKey = id;
          }
        }
        if (nextKey === undefined) break;
        const timer = due.get(nextKey);
        due.delete(nextKey);
        now = nextAt;
        timer?.callback();
      }
      now = end;
    },
    pending: () => due.size,
  };
}
