import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenAt, localTime } from '../../src/server/tenants/business-hours.ts';

const hours = {
  weekly: [
    { day: 'mon' as const, open: '09:00', close: '14:00' },
    { day: 'mon' as const, open: '16:00', close: '20:00' },
    { day: 'sat' as const, open: '10:00', close: '24:00' },
  ],
  closedDates: ['2026-12-07'],
};

test('spans are read in the tenant time zone', () => {
  // 2026-11-23 is a Monday; 08:30 UTC is 09:30 in Madrid (CET, UTC+1).
  assert.deepEqual(localTime(new Date('2026-11-23T08:30:00Z'), 'Europe/Madrid'), { day: 'mon', date: '2026-11-23', time: '09:30' });
  assert.ok(isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-23T08:30:00Z')));
  assert.ok(!isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-23T07:30:00Z')));
  assert.ok(!isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-23T13:30:00Z')), 'lunch break');
  assert.ok(isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-23T15:30:00Z')));
  assert.ok(!isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-23T19:00:00Z')), 'closes at 20:00 local');
  assert.ok(isOpenAt(hours, 'America/New_York', new Date('2026-11-23T14:30:00Z')), '09:30 in New York');
});

test('closed dates and a span that runs to midnight', () => {
  assert.ok(!isOpenAt(hours, 'Europe/Madrid', new Date('2026-12-07T09:30:00Z')), 'a Monday that is a closed date');
  assert.ok(isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-28T22:59:00Z')), 'Saturday 23:59 local');
  assert.ok(!isOpenAt(hours, 'Europe/Madrid', new Date('2026-11-28T23:00:00Z')), 'Sunday 00:00 local');
});
