import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMediaScheduler, type MediaTickTarget, type MediaTimer } from '../../../src/server/telephony/media/media-scheduler.ts';

/** A clock and timer under the test's control; `lateness` says how late each timer fires. */
function fakeTime(startMs = 1000, lateness: (firing: number) => number = () => 0) {
  let nowMs = startMs;
  let pending: { id: number; dueMs: number; callback: () => void } | undefined;
  let nextId = 1;
  let firings = 0;
  const delays: number[] = [];
  const timer: MediaTimer = {
    setTimeout(callback, delayMs) {
      assert.equal(pending, undefined, 'one timer at a time');
      delays.push(delayMs);
      pending = { id: nextId++, dueMs: nowMs + delayMs, callback };
      return pending.id;
    },
    clearTimeout(handle) {
      if (pending?.id === handle) pending = undefined;
    },
  };
  return {
    now: () => nowMs,
    timer,
    delays,
    hasPending: () => pending !== undefined,
    /** Advances time to `untilMs`, firing the timer (late, if so configured) whenever it is due. */
    runUntil(untilMs: number) {
      while (pending && pending.dueMs + lateness(firings) <= untilMs) {
        const { dueMs, callback } = pending;
        nowMs = Math.max(nowMs, dueMs + lateness(firings));
        firings++;
        pending = undefined;
        callback();
      }
      nowMs = Math.max(nowMs, untilMs);
    },
  };
}

function recorder(): MediaTickTarget & { ticks: Array<[number, number]> } {
  const ticks: Array<[number, number]> = [];
  return { ticks, onTick: (tick, nowMs) => void ticks.push([tick, nowMs]) };
}

const failOnError = (error: unknown): never => assert.fail(String(error));

test('ticks every 20 ms from the start time', () => {
  const time = fakeTime();
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError });
  const target = recorder();
  scheduler.register(target);
  scheduler.start();
  time.runUntil(2000);
  assert.equal(target.ticks.length, 50);
  assert.deepEqual(target.ticks.slice(0, 3), [[1, 1020], [2, 1040], [3, 1060]]);
  assert.deepEqual(target.ticks.at(-1), [50, 2000]);
  const stats = scheduler.stats();
  assert.equal(stats.ticks, 50);
  assert.equal(stats.p50LatenessMs, 0);
  assert.equal(stats.lateTicks, 0);
});

test('corrects drift: a timer that always fires 3 ms late does not accumulate delay', () => {
  const time = fakeTime(0, () => 3);
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError });
  const target = recorder();
  scheduler.register(target);
  scheduler.start();
  time.runUntil(2003);
  assert.equal(target.ticks.length, 100);
  assert.deepEqual(target.ticks.at(-1), [100, 2003]);
  assert.deepEqual(time.delays.slice(0, 3), [20, 17, 17]);
  const stats = scheduler.stats();
  assert.equal(stats.p50LatenessMs, 3);
  assert.equal(stats.p99LatenessMs, 3);
  assert.equal(stats.lateTicks, 0);
});

test('measures lateness percentiles and counts ticks later than 5 ms', () => {
  const time = fakeTime(0, (firing) => (firing % 10 === 9 ? 8 : 0));
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError });
  scheduler.start();
  time.runUntil(2010);
  const stats = scheduler.stats();
  assert.equal(stats.ticks, 100);
  assert.equal(stats.lateTicks, 10);
  assert.equal(stats.p50LatenessMs, 0);
  assert.equal(stats.p99LatenessMs, 8);
  assert.equal(stats.maxLatenessMs, 8);
});

test('catches up a few ticks after a stall and skips the rest', () => {
  const time = fakeTime(0, (firing) => (firing === 10 ? 200 : 0));
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError, maxCatchUpTicks: 5 });
  const target = recorder();
  scheduler.register(target);
  scheduler.start();
  time.runUntil(1000);
  const afterStall = target.ticks.filter(([, at]) => at === 420);
  assert.deepEqual(afterStall.map(([tick]) => tick), [11, 12, 13, 14, 15]);
  assert.equal(scheduler.stats().skippedTicks, 6);
  assert.deepEqual(target.ticks.find(([tick]) => tick === 22), [22, 440]);
  assert.deepEqual(target.ticks.at(-1), [50, 1000]);
  assert.equal(scheduler.stats().maxLatenessMs, 200);
});

test('registers and unregisters targets, including from inside a tick', () => {
  const time = fakeTime(0);
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError });
  const first = recorder();
  const second = recorder();
  const unregisterFirst = scheduler.register(first);
  scheduler.register(second);
  let selfRemovingTicks = 0;
  const selfRemoving: MediaTickTarget = {
    onTick() {
      selfRemovingTicks++;
      scheduler.unregister(selfRemoving);
    },
  };
  scheduler.register(selfRemoving);
  assert.equal(scheduler.size, 3);
  scheduler.start();
  time.runUntil(100);
  unregisterFirst();
  time.runUntil(200);
  assert.equal(first.ticks.length, 5);
  assert.equal(second.ticks.length, 10);
  assert.equal(selfRemovingTicks, 1);
  assert.equal(scheduler.size, 1);
  const many = Array.from({ length: 10000 }, () => recorder());
  const unregisters = many.map((target) => scheduler.register(target));
  time.runUntil(220);
  assert.ok(many.every((target) => target.ticks.length === 1));
  unregisters.forEach((unregister) => unregister());
  assert.equal(scheduler.size, 1);
});

test('isolates a failing target and reports its error', () => {
  const time = fakeTime(0);
  const errors: unknown[] = [];
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: (error) => errors.push(error) });
  scheduler.register({ onTick: () => { throw new Error('broken call'); } });
  const healthy = recorder();
  scheduler.register(healthy);
  scheduler.start();
  time.runUntil(60);
  assert.equal(healthy.ticks.length, 3);
  assert.equal(errors.length, 3);
  assert.match(String(errors[0]), /broken call/);
});

test('stops and restarts relative to the new start time', () => {
  const time = fakeTime(0);
  const scheduler = createMediaScheduler({ now: time.now, timer: time.timer, onTickError: failOnError });
  const target = recorder();
  scheduler.register(target);
  scheduler.start();
  time.runUntil(50);
  scheduler.stop();
  assert.equal(time.hasPending(), false);
  time.runUntil(500);
  assert.equal(target.ticks.length, 2);
  scheduler.start();
  time.runUntil(545);
  assert.deepEqual(target.ticks.slice(2), [[1, 520], [2, 540]]);
});

test('ticks with the real clock and timer', async () => {
  const scheduler = createMediaScheduler({ onTickError: failOnError, intervalMs: 5 });
  const target = recorder();
  scheduler.register(target);
  scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, 120));
  scheduler.stop();
  // A busy machine may stall the timer past the catch-up limit, and the scheduler then skips
  // ticks by design: the numbers must still rise, never repeat, and never run ahead of time.
  const last = target.ticks.at(-1)?.[0] ?? 0;
  assert.ok(target.ticks.length >= 5 && last <= 30, `${target.ticks.length} ticks, last ${last}`);
  assert.ok(target.ticks.every(([tick], i) => i === 0 ? tick === 1 : tick > target.ticks[i - 1]![0]));
});
