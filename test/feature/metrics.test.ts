import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpApp } from '../../src/server/http-app.ts';
import { registerDeskMetrics } from '../../src/server/metrics/desk-metrics.ts';
import { createMetricsRegistry } from '../../src/server/metrics/metrics-registry.ts';
import { createTestDesk, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { prepareTrafficTenant } from '../support/traffic/write-traffic.ts';

const token = 'metrics-token-of-the-test-0123456789';

for (const kind of testDatabaseKinds()) {
  describe(`GET /metrics on ${kind}`, () => {
    let desk: TestDesk;
    let scrape: (headers?: Record<string, string>) => Promise<Response>;

    before(async () => {
      desk = await createTestDesk(kind);
      const db = desk.services.db;
      const tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      const { queueIds, operatorIds } = await prepareTrafficTenant(db, tenantId, 3, 'm');
      // Two callers waiting and one offered in the first queue; one call on the line without a queue.
      for (const status of ['waiting', 'waiting', 'offered']) {
        await db.query(`insert into queue_calls (tenant_id, queue_id, caller_id, enqueued_at, position_at, status) values ($1, $2, '+34600000001', now(), now(), $3)`, [tenantId, queueIds[0], status]);
      }
      await db.query(`insert into queue_calls (tenant_id, queue_id, caller_id, enqueued_at, position_at, status) values ($1, $2, '+34600000002', now(), now(), 'completed')`, [tenantId, queueIds[0]]);
      await db.query(`insert into calls (tenant_id, sip_call_id, direction, caller_id, dialled, language, started_at) values ($1, 'x1', 'inbound', '+34600000001', '+34900100200', 'es', now())`, [tenantId]);
      const states: [number, string, string][] = [[0, 'available', '-2 hours'], [0, 'on_call', '-1 hours'], [1, 'available', '-1 hours'], [2, 'break', '-3 hours'], [2, 'offline', '-1 hours']];
      for (const [n, state, ago] of states) {
        await db.query(`insert into agent_state_changes (user_id, state, at) values ($1, $2, now() + $3::interval)`, [operatorIds[n], state, ago]);
      }
      const registry = createMetricsRegistry();
      registerDeskMetrics(registry, db);
      const withToken = createHttpApp(desk.services, { webRoot: undefined, version: 'test', isReady: () => true, metrics: { registry, token } });
      scrape = async (headers = {}) => withToken.request('/metrics', { headers });
    });
    after(() => desk.close());

    test('answers the scraper with the bearer token: calls in progress, queue depth, agents by state', async () => {
      const res = await scrape({ authorization: `Bearer ${token}` });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.match(text, /^# TYPE centralita_calls_in_progress gauge$/m);
      assert.match(text, /^centralita_calls_in_progress\{direction="inbound"\} 1$/m);
      assert.match(text, /^centralita_queue_calls\{tenant="TA",queue="general",status="waiting"\} 2$/m);
      assert.match(text, /^centralita_queue_calls\{tenant="TA",queue="general",status="offered"\} 1$/m);
      assert.doesNotMatch(text, /status="completed"/);
      assert.match(text, /^centralita_agents\{state="on_call"\} 1$/m);
      assert.match(text, /^centralita_agents\{state="available"\} 1$/m);
      assert.match(text, /^centralita_agents\{state="offline"\} 1$/m);
      assert.match(text, /^centralita_agents\{state="break"\} 0$/m);
      assert.match(text, /^centralita_metrics_collect_errors 0$/m);
    });

    test('refuses a missing or wrong token, and never needs a session', async () => {
      assert.equal((await scrape()).status, 401);
      assert.equal((await scrape({ authorization: 'Bearer wrong' })).status, 401);
      assert.equal((await scrape({ authorization: `Basic ${token}` })).status, 401);
    });

    test('without a token configured, a request not from loopback is refused', async () => {
      const registry = createMetricsRegistry();
      registerDeskMetrics(registry, desk.services.db);
      const open = createHttpApp(desk.services, { webRoot: undefined, version: 'test', isReady: () => true, metrics: { registry, token: undefined } });
      const res = await open.request('/metrics');
      assert.equal(res.status, 403);
      assert.match((await res.json()).error.message, /METRICS_TOKEN/);
    });
  });
}
