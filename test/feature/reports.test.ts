import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { seedTenantTraffic } from '../support/traffic/seed-traffic.ts';
import { expectedFigures, expectedHeatmap, expectedOfferedByDay, expectedUsage } from '../support/traffic/expected-figures.ts';
import { localParts } from '../support/traffic/local-time.ts';
import { appendTraffic, emptyTraffic, type Traffic } from '../support/traffic/traffic-rows.ts';

const month = { from: '2026-11-01', to: '2026-11-30' };
/** Offered stays (not ended transferred) enqueued in a local slot of the given days. */
function offeredInSlot(traffic: Traffic, days: string[], start: string, minutes: number) {
  const [h, m] = start.split(':').map(Number) as [number, number];
  return traffic.queueCalls.filter((s) => {
    if (s.status === 'transferred') return false;
    const local = localParts(s.enqueuedAt, 'Europe/Madrid');
    const minute = local.hour * 60 + local.minute;
    return days.includes(local.day) && minute >= h * 60 + m && minute < h * 60 + m + minutes;
  }).length;
}

const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params)}`;

/** Equal up to floating-point summation order. */
function assertClose(actual: unknown, expected: unknown, what: string) {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
  } else if (expected && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected)) assertClose((actual as Record<string, unknown>)?.[key], value, `${what}.${key}`);
  } else {
    assert.equal(actual, expected, what);
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`reports over a synthetic month on ${kind}`, () => {
    let desk: TestDesk;
    let admin: ApiClient;
    let manager: ApiClient;
    let operator: ApiClient;
    let technician: ApiClient;
    let tenantA: string;
    let tenantB: string;
    let trafficA: Traffic;
    let all: Traffic;
    let zones: Map<string, string>;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantA = (await desk.createTenant('Tenant A', 'TA')).id;
      tenantB = (await desk.createTenant('Tenant B', 'TB')).id;
      const db = desk.services.db;
      // A second time zone, so "overall" must bucket each tenant in its own local days.
      await db.query(`update tenants set time_zone = 'America/New_York' where id = $1`, [tenantB]);
      zones = new Map([[tenantA, 'Europe/Madrid'], [tenantB, 'America/New_York']]);
      const counter = { call: 1 };
      // A few days either side of the month, so that local-day boundaries and repeat lookbacks matter.
      trafficA = (await seedTenantTraffic(db, { id: tenantA, timeZone: 'Europe/Madrid', label: 'a' }, '2026-10-26', '2026-12-02', counter)).traffic;
      const trafficB = (await seedTenantTraffic(db, { id: tenantB, timeZone: 'America/New_York', label: 'b' }, '2026-10-30', '2026-12-01', counter, 150)).traffic;
      all = appendTraffic(appendTraffic(emptyTraffic(), trafficA), trafficB);
      await desk.createUser('admin@desk.local', 'admin', 'all');
      await desk.createUser('manager@a.local', 'manager', [tenantA]);
      await desk.createUser('op@a.local', 'operator', [tenantA]);
      await desk.createUser('tech@a.local', 'technician', [tenantA]);
      admin = await desk.signIn('admin@desk.local');
      manager = await desk.signIn('manager@a.local');
      operator = await desk.signIn('op@a.local');
      technician = await desk.signIn('tech@a.local');
    });
    after(() => desk.close());

    test('the month of one tenant: every figure equals what the generator expects', async () => {
      const res = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, ...month, interval: 'month' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const expected = expectedFigures(trafficA, zones, month.from, month.to, 20);
      assert.ok(expected.offered > 900 && expected.abandoned > 50 && expected.casesOpened > 100 && expected.repeatCalls > 50, JSON.stringify(expected));
      assertClose(res.body.total, expected, 'total');
      assert.equal(res.body.buckets.length, 1);
      assert.equal(res.body.buckets[0].start, '2026-11-01T00:00');
      assertClose(res.body.buckets[0], expected, 'bucket');
      assert.deepEqual(res.body.serviceLevelTarget, { share: 0.8, seconds: 20 });
    });

    test('daily buckets are local days with the offered calls of each', async () => {
      const res = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, ...month, interval: 'day' }));
      assert.equal(res.status, 200);
      const byDay = expectedOfferedByDay(trafficA, 'Europe/Madrid', tenantA);
      for (const bucket of res.body.buckets) assert.equal(bucket.offered, byDay.get(bucket.start.slice(0, 10)) ?? 0, bucket.start);
      // Every day of November has traffic (Sundays one call, through the IVR only on some).
      assert.equal(res.body.buckets.length, 30);
      assert.deepEqual(res.body.buckets.map((b: { start: string }) => b.start.slice(11)), Array(30).fill('00:00'));
      const week = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, from: '2026-11-02', to: '2026-11-08', interval: 'day' }));
      assertClose(week.body.total, expectedFigures(trafficA, zones, '2026-11-02', '2026-11-08', 20), 'week total');
    });

    test('15-minute, hourly and weekly buckets add up to the same month', async () => {
      for (const interval of ['15m', '30m', '60m', 'week']) {
        const res = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, ...month, interval }));
        assert.equal(res.status, 200);
        const sum = res.body.buckets.reduce((s: number, b: { offered: number }) => s + b.offered, 0);
        assert.equal(sum, expectedFigures(trafficA, zones, month.from, month.to, 20).offered, interval);
        const minutes = new Set(res.body.buckets.map((b: { start: string }) => Number(b.start.slice(14, 16))));
        const allowed = { '15m': [0, 15, 30, 45], '30m': [0, 30], '60m': [0], week: [0] }[interval]!;
        for (const m of minutes) assert.ok(allowed.includes(m as number), `${interval}: ${m}`);
      }
      const weeks = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, ...month, interval: 'week' }));
      assert.equal(weeks.body.buckets[0].start, '2026-10-26T00:00', 'ISO weeks start on Monday');
      const first = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantA, from: '2026-11-02', to: '2026-11-02', interval: '60m' }));
      assert.equal(first.body.buckets[0].start, '2026-11-02T08:00', 'the first local hour with calls');
    });

    test('overall: every tenant in its own time zone, for a user who sees them all', async () => {
      const res = await admin.get(q('/api/v1/reports/traffic', { ...month, interval: 'month' }));
      assert.equal(res.status, 200);
      assert.equal(res.body.serviceLevelTarget, null);
      assertClose(res.body.total, expectedFigures(all, zones, month.from, month.to, 20), 'overall');
      const scoped = await manager.get(q('/api/v1/reports/traffic', { ...month, interval: 'month' }));
      assert.equal(scoped.body.total.offered, expectedFigures(trafficA, zones, month.from, month.to, 20).offered, 'a manager of A sees only A');
    });

    test('the heatmap: inbound calls by local weekday and hour', async () => {
      const res = await admin.get(q('/api/v1/reports/heatmap', month));
      assert.equal(res.status, 200);
      const expected = expectedHeatmap(all, zones, month.from, month.to);
      assert.equal(res.body.cells.length, expected.size);
      for (const cell of res.body.cells) assert.equal(cell.calls, expected.get(`${cell.weekday}:${cell.hour}`), `${cell.weekday}:${cell.hour}`);
      const onlyA = await manager.get(q('/api/v1/reports/heatmap', { tenantId: tenantA, ...month }));
      // The pattern: one call on Sundays at 11:00, and November 2026 has five Sundays.
      assert.equal(onlyA.body.cells.find((c: { weekday: number; hour: number }) => c.weekday === 7 && c.hour === 11)?.calls, 5);
    });

    test('cost and usage follow the prices, overrides and rounding rule', async () => {
      let res = await admin.patch('/api/v1/reports/settings', { seatCostPerHour: 24, telephonyCostPerMinute: 0.02, missedCallValue: 15, billingRounding: 'per_minute' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      res = await admin.patch(`/api/v1/tenants/${tenantA}/report-settings`, { billingRounding: '60/6', missedCallValue: 40 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.overrides, { billingRounding: '60/6', missedCallValue: 40 });
      assert.equal(res.body.effective.seatCostPerHour, 24);
      assert.equal(res.body.effective.missedCallValue, 40);

      const usage = expectedUsage(trafficA, zones, month.from, month.to, '60/6');
      const statement = await manager.get(q('/api/v1/reports/usage', { tenantId: tenantA, ...month }));
      assert.equal(statement.status, 200, JSON.stringify(statement.body));
      assertClose(statement.body, { calls: usage.calls, answeredCalls: usage.answeredCalls, talkSeconds: usage.talkSeconds, billedMinutes: usage.billedMinutes,
        messages: usage.messages, dispatches: usage.dispatches, casesOpened: usage.casesOpened, billingRounding: '60/6', billingCode: 'TA' }, 'usage');

      const cost = await manager.get(q('/api/v1/reports/cost', { tenantId: tenantA, ...month }));
      const total = (usage.handleSeconds / 3600) * 24 + usage.billedMinutes * 0.02;
      const cents = (v: number) => Math.round(v * 100) / 100;
      assertClose(cost.body, {
        totalCost: cents(total), costPerCall: cents(total / usage.calls), costPerCase: cents(total / usage.casesOpened),
        missedCalls: usage.abandoned, missedCallsCost: cents(usage.abandoned * 40), handleHours: usage.handleSeconds / 3600,
      }, 'cost');

      const perMinute = await admin.get(q('/api/v1/reports/usage', { tenantId: tenantB, ...month }));
      assertClose(perMinute.body.billedMinutes, expectedUsage(all, new Map([[tenantB, 'America/New_York']]), month.from, month.to, 'per_minute').billedMinutes, 'B uses the desk rule');

      const csv = await manager.get(q('/api/v1/reports/usage.csv', { tenantId: tenantA, ...month }));
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type')!, /^text\/csv/);
      assert.match(csv.body, new RegExp(`\\r\\ncalls,${usage.calls}\\r\\n`));
      assert.match(csv.body, new RegExp(`billed_minutes,${usage.billedMinutes.toFixed(2)}`));

      res = await admin.patch(`/api/v1/tenants/${tenantA}/report-settings`, { billingRounding: null });
      assert.deepEqual(res.body.overrides, { missedCallValue: 40 }, 'null clears an override');
      assert.equal(res.body.effective.billingRounding, 'per_minute');
    });

    test('staffing per interval from the day itself, beside the operators logged in', async () => {
      const res = await manager.get(q('/api/v1/reports/staffing', { tenantId: tenantA, day: '2026-11-04', interval: '30m' }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.rows.length, 48);
      const slot = (start: string) => res.body.rows.find((r: { start: string }) => r.start === start);
      // Every slot's offered stays, recounted from the rows in local time; the pattern puts none at night.
      for (const row of res.body.rows) assert.equal(row.calls, offeredInSlot(trafficA, ['2026-11-04'], row.start, 30), row.start);
      assert.ok(slot('09:00').calls + slot('09:30').calls > 0);
      assert.equal(slot('03:00').calls, 0);
      assert.equal(slot('03:00').agents, 0);
      assert.ok(slot('10:00').agents >= 1 && slot('10:00').scheduledAgents >= slot('10:00').agents);
      // Presence: three from 07:55, the second one gone at 14:00, everyone at 20:00; a break still counts as logged in.
      assertClose(slot('07:30').loggedIn, 0.5, '07:30');
      assertClose(slot('08:00').loggedIn, 3, '08:00');
      assertClose(slot('12:00').loggedIn, 3, '12:00');
      assertClose(slot('14:00').loggedIn, 2, '14:00');
      assertClose(slot('20:00').loggedIn, 0, '20:00');

      const forecast = await manager.get(q('/api/v1/reports/staffing', { tenantId: tenantA, day: '2026-11-25', interval: '60m', source: 'forecast', weeks: '3' }));
      assert.equal(forecast.status, 200);
      const ten = forecast.body.rows.find((r: { start: string }) => r.start === '10:00');
      // Wednesdays at 10:00: (10 + 3) % 4 = 1 → 4 offered or fewer (IVR-only calls never queue); the average of three Wednesdays.
      const offered = offeredInSlot(trafficA, ['2026-11-04', '2026-11-11', '2026-11-18'], '10:00', 60);
      assert.ok(offered > 0);
      assertClose(ten.calls, offered / 3, 'forecast calls');
      assert.equal(forecast.body.weeks, 3);
    });

    test('who may read and change reports', async () => {
      assert.equal((await operator.get(q('/api/v1/reports/traffic', { tenantId: tenantA, ...month }))).status, 403);
      assert.equal((await technician.get(q('/api/v1/reports/heatmap', month))).status, 403);
      assert.equal((await desk.anonymous.get(q('/api/v1/reports/cost', month))).status, 401);
      const other = await manager.get(q('/api/v1/reports/traffic', { tenantId: tenantB, ...month }));
      assert.equal(other.status, 404, "another tenant's report does not exist for this manager");
      assert.equal((await manager.get(q('/api/v1/reports/staffing', { tenantId: tenantB, day: '2026-11-04' }))).status, 404);
      assert.equal((await manager.get(`/api/v1/tenants/${tenantB}/report-settings`)).status, 404);
      assert.equal((await manager.patch(`/api/v1/tenants/${tenantA}/report-settings`, { seatCostPerHour: 1 })).status, 403);
      assert.equal((await manager.get('/api/v1/reports/settings')).status, 403, 'desk defaults belong to desk-wide users');
      assert.equal((await admin.get(q('/api/v1/reports/traffic', { tenantId: '00000000-0000-4000-8000-000000000000', ...month }))).status, 404);
    });

    const refused: [string, string, string][] = [
      ['a date that does not exist', q('/api/v1/reports/traffic', { from: '2026-02-30', to: '2026-03-01' }), 'from'],
      ['a period ending before it starts', q('/api/v1/reports/traffic', { from: '2026-11-10', to: '2026-11-01' }), 'to'],
      ['a period longer than allowed', q('/api/v1/reports/traffic', { from: '2024-01-01', to: '2026-01-01' }), 'to'],
      ['an unknown interval', q('/api/v1/reports/traffic', { ...month, interval: '7m' }), 'interval'],
      ['a malformed tenant', q('/api/v1/reports/heatmap', { ...month, tenantId: 'abc' }), 'tenantId'],
      ['an unknown parameter', q('/api/v1/reports/cost', { ...month, currency: 'USD' }), 'currency'],
      ['a usage statement without tenant', q('/api/v1/reports/usage', month), 'tenantId'],
      ['too many weeks of forecast', q('/api/v1/reports/staffing', { tenantId: '00000000-0000-4000-8000-000000000000', day: '2026-11-04', source: 'forecast', weeks: '99' }), 'weeks'],
    ];
    for (const [name, url, field] of refused) {
      test(`refused with 400 naming ${field}: ${name}`, async () => {
        const res = await admin.get(url);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.deepEqual(res.body.error.fields.map((f: { path: string }) => f.path), [field], JSON.stringify(res.body));
      });
    }

    test('settings refuse impossible values naming the field', async () => {
      for (const [body, field] of [[{ serviceLevelTarget: 1 }, 'serviceLevelTarget'], [{ seatCostPerHour: -3 }, 'seatCostPerHour'],
        [{ billingRounding: '1/1' }, 'billingRounding'], [{ currency: 'euro' }, 'currency'], [{ shrinkage: 1 }, 'shrinkage']] as const) {
        const res = await admin.patch(`/api/v1/tenants/${tenantA}/report-settings`, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(res.body.error.fields.map((f: { path: string }) => f.path), [field]);
      }
    });
  });
}
