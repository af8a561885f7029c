import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileWeeklyHours,
  createLocalClock,
  isOnCallAt,
  isWorkingAt,
  type TTechnicianSchedule,
} from '../../../src/server/dispatch/technician-availability.ts';
import { officeHours } from './technician-fixtures.ts';

const madrid = (overrides: Partial<TTechnicianSchedule> = {}): TTechnicianSchedule => ({
  timeZone: 'Europe/Madrid', hours: officeHours, exceptions: [], onCall: [], ...overrides,
});

test('working hours are read in the technician\'s time zone, in winter and in summer', () => {
  // Monday 2026-11-23: CET, UTC+1.
  assert.ok(!isWorkingAt(madrid(), new Date('2026-11-23T06:59:00Z')), '07:59 local');
  assert.ok(isWorkingAt(madrid(), new Date('2026-11-23T07:00:00Z')), '08:00 local');
  assert.ok(isWorkingAt(madrid(), new Date('2026-11-23T16:59:00Z')), '17:59 local');
  assert.ok(!isWorkingAt(madrid(), new Date('2026-11-23T17:00:00Z')), '18:00 local: close is exclusive');
  // Monday 2026-07-06: CEST, UTC+2.
  assert.ok(isWorkingAt(madrid(), new Date('2026-07-06T06:00:00Z')), '08:00 local in summer');
  assert.ok(!isWorkingAt(madrid(), new Date('2026-07-06T16:00:00Z')), '18:00 local in summer');
  // The same instant is 07:30 in Lisbon and 08:30 in Madrid.
  assert.ok(!isWorkingAt(madrid({ timeZone: 'Europe/Lisbon' }), new Date('2026-11-23T07:30:00Z')));
  assert.ok(isWorkingAt(madrid(), new Date('2026-11-23T07:30:00Z')));
  assert.ok(!isWorkingAt(madrid(), new Date('2026-11-28T10:00:00Z')), 'Saturday');
});

test('the local clock gives the minute of the week (Monday 00:00 = 0)', () => {
  const clock = createLocalClock('Europe/Madrid');
  assert.equal(clock(new Date('2026-11-22T23:00:00Z')).minuteOfWeek, 0, 'Monday 00:00 local');
  assert.equal(clock(new Date('2026-11-22T22:59:00Z')).minuteOfWeek, 7 * 1440 - 1, 'Sunday 23:59 local');
  assert.equal(clock(new Date('2026-11-25T11:30:00Z')).minuteOfWeek, 2 * 1440 + 12 * 60 + 30, 'Wednesday 12:30 local');
  // Daylight saving starts on 2026-03-29: 01:59 CET is followed by 03:00 CEST.
  assert.equal(clock(new Date('2026-03-29T01:00:00Z')).minuteOfWeek, 6 * 1440 + 3 * 60);
});

test('off exceptions: whole days inclusive, or a few hours', () => {
  const schedule = madrid({
    exceptions: [
      { kind: 'off', from: '2026-11-24', to: '2026-11-25' },
      { kind: 'off', from: '2026-11-27T10:00', to: '2026-11-27T12:00' },
    ],
  });
  assert.ok(isWorkingAt(schedule, new Date('2026-11-23T09:00:00Z')), 'Monday');
  assert.ok(!isWorkingAt(schedule, new Date('2026-11-24T09:00:00Z')), 'Tuesday off');
  assert.ok(!isWorkingAt(schedule, new Date('2026-11-25T16:00:00Z')), 'Wednesday off to the end of the day');
  assert.ok(isWorkingAt(schedule, new Date('2026-11-26T07:00:00Z')), 'Thursday back at 08:00');
  assert.ok(isWorkingAt(schedule, new Date('2026-11-27T08:59:00Z')), 'Friday 09:59');
  assert.ok(!isWorkingAt(schedule, new Date('2026-11-27T09:00:00Z')), 'Friday 10:00 at the doctor');
  assert.ok(isWorkingAt(schedule, new Date('2026-11-27T11:00:00Z')), 'Friday 12:00 back');
});

test('an extra shift adds hours; an off exception wins over it', () => {
  const extra = { kind: 'extra' as const, from: '2026-11-28T09:00', to: '2026-11-28T14:00' };
  assert.ok(isWorkingAt(madrid({ exceptions: [extra] }), new Date('2026-11-28T09:00:00Z')), 'Saturday 10:00');
  assert.ok(!isWorkingAt(madrid({ exceptions: [extra] }), new Date('2026-11-28T13:00:00Z')), 'Saturday 14:00');
  const off = { kind: 'off' as const, from: '2026-11-28', to: '2026-11-28' };
  assert.ok(!isWorkingAt(madrid({ exceptions: [extra, off] }), new Date('2026-11-28T09:00:00Z')));
});

test('an on-call night runs across midnight', () => {
  const schedule = madrid({ onCall: [{ from: '2026-11-23T22:00:00+01:00', to: '2026-11-24T08:00:00+01:00' }] });
  assert.ok(!isOnCallAt(schedule, new Date('2026-11-23T20:59:00Z')), '21:59 local');
  assert.ok(isOnCallAt(schedule, new Date('2026-11-23T21:00:00Z')), '22:00 local');
  assert.ok(isOnCallAt(schedule, new Date('2026-11-23T23:30:00Z')), '00:30 local, the next day');
  assert.ok(isOnCallAt(schedule, new Date('2026-11-24T06:59:00Z')), '07:59 local');
  assert.ok(!isOnCallAt(schedule, new Date('2026-11-24T07:00:00Z')), '08:00 local');
  assert.ok(!isWorkingAt(schedule, new Date('2026-11-23T21:00:00Z')), 'on call is not working hours');
  const onLeave = { ...schedule, exceptions: [{ kind: 'off' as const, from: '2026-11-23', to: '2026-11-30' }] };
  assert.ok(!isOnCallAt(onLeave, new Date('2026-11-23T21:00:00Z')), 'leave wins over a stale rota');
});

test('a weekly shift that closes at or before it opens runs past midnight, Sunday into Monday', () => {
  const nights = madrid({ hours: [{ day: 'sun', open: '22:00', close: '06:00' }] });
  assert.ok(isWorkingAt(nights, new Date('2026-11-22T21:30:00Z')), 'Sunday 22:30');
  assert.ok(isWorkingAt(nights, new Date('2026-11-23T04:59:00Z')), 'Monday 05:59');
  assert.ok(!isWorkingAt(nights, new Date('2026-11-23T05:00:00Z')), 'Monday 06:00');
  assert.ok(!isWorkingAt(nights, new Date('2026-11-23T21:30:00Z')), 'Monday 22:30');
  assert.deepEqual([...compileWeeklyHours([{ day: 'sun', open: '22:00', close: '24:00' }])], [6 * 1440 + 1320, 7 * 1440]);
});

test('bad input is refused when compiling, not misread', () => {
  assert.throws(() => isOnCallAt(madrid({ onCall: [{ from: '2026-11-23T22:00', to: '2026-11-24T08:00' }] }), new Date()), /needs an offset/);
  assert.throws(() => isWorkingAt(madrid({ hours: [{ day: 'mon', open: '8:00', close: '18:00' }] }), new Date()), /invalid time/);
  assert.throws(() => isWorkingAt(madrid({ exceptions: [{ kind: 'off', from: '23/11/2026', to: '2026-11-24' }] }), new Date()), /invalid local date-time/);
});
