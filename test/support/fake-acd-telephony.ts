import type {
  AcdTelephony, TDialOutRequest, TLegId, TRingAgentRequest, TRingFailure, TRingHandlers, TWaitingAnnouncement,
} from '../../src/server/acd/acd-telephony.ts';
import type { AcdTimers } from '../../src/server/acd/acd-context.ts';
import type { createManualClock } from '../../src/server/platform/clock.ts';

interface Ringing<R> {
  request: R;
  handlers: TRingHandlers;
  cancelled: boolean;
  done: boolean;
}

/**
 * The phone line as the queues' unit and feature tests see it: every request is recorded and
 * the test decides who answers. Only for tests; the desk uses the real SIP line.
 */
export function createFakeAcdTelephony() {
  let legSeq = 0;
  const rings: Ringing<TRingAgentRequest>[] = [];
  const dials: Ringing<TDialOutRequest>[] = [];
  const registered = new Set<string>();
  const waiting = new Map<TLegId, TWaitingAnnouncement>();
  const said: { leg: TLegId; text: string }[] = [];
  const bridges: { a: TLegId; b: TLegId; record: boolean }[] = [];
  const hungUp: TLegId[] = [];
  const held: TLegId[] = [];

  const open = <R>(list: Ringing<R>[], match: (r: R) => boolean) => {
    const found = [...list].reverse().find((r) => !r.done && match(r.request));
    if (!found) throw new Error('nothing is ringing there');
    return found;
  };

  const telephony: AcdTelephony = {
    ringAgent(request, handlers) {
      const ring = { request, handlers, cancelled: false, done: false };
      rings.push(ring);
      return { cancel: () => finish(ring, 'cancelled') };
    },
    dialOut(request, handlers) {
      const dial = { request, handlers, cancelled: false, done: false };
      dials.push(dial);
      return { cancel: () => finish(dial, 'cancelled') };
    },
    startWaiting: (leg, announcement) => void waiting.set(leg, announcement),
    say: async (leg, text) => void said.push({ leg, text }),
    bridge: (a, b, options) => void bridges.push({ a, b, record: Boolean(options?.record) }),
    hold: (leg) => void held.push(leg),
    resume: () => {},
    hangup: (leg) => void hungUp.push(leg),
    isRegistered: (extension) => registered.has(extension),
  };

  function finish<R>(ring: Ringing<R>, reason: TRingFailure) {
    if (ring.done) return;
    ring.done = true;
    ring.cancelled = reason === 'cancelled';
    ring.handlers.failed(reason);
  }

  return {
    telephony, rings, dials, registered, waiting, said, bridges, hungUp, held,
    ringingExtensions: () => rings.filter((r) => !r.done).map((r) => r.request.extension),
    /** The operator at `extension` picks up; answers the new leg. */
    answer(extension: string): TLegId {
      const ring = open(rings, (r) => r.extension === extension);
      ring.done = true;
      const leg = `agent-leg-${++legSeq}`;
      ring.handlers.answered(leg);
      return leg;
    },
    fail: (extension: string, reason: TRingFailure) => finish(open(rings, (r) => r.extension === extension), reason),
    answerDial(number: string): TLegId {
      const dial = open(dials, (r) => r.number === number);
      dial.done = true;
      const leg = `callback-leg-${++legSeq}`;
      dial.handlers.answered(leg);
      return leg;
    },
    failDial: (number: string, reason: TRingFailure) => finish(open(dials, (r) => r.number === number), reason),
  };
}

export type FakeAcdTelephony = ReturnType<typeof createFakeAcdTelephony>;

/** Timers fired by moving the manual clock, in order, letting the queues settle after each. */
export function createManualTimers(clock: ReturnType<typeof createManualClock>) {
  let seq = 0;
  const pending = new Map<number, { at: number; fire: () => void }>();
  const timers: AcdTimers = {
    set(ms, fire) {
      const id = ++seq;
      pending.set(id, { at: clock.now().getTime() + Math.max(0, ms), fire });
      return () => pending.delete(id);
    },
  };
  return {
    timers,
    pendingCount: () => pending.size,
    async advance(ms: number, settle: () => Promise<unknown>): Promise<void> {
      const target = clock.now().getTime() + ms;
      for (;;) {
        const next = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        pending.delete(next[0]);
        clock.set(new Date(next[1].at));
        next[1].fire();
        await settle();
      }
      clock.set(new Date(target));
      await settle();
    },
  };
}
