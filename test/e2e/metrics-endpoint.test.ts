import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDesk } from '../support/spawn-desk.ts';

describe('GET /metrics on the real server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-metrics-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('without METRICS_TOKEN a loopback scraper gets the phone line and desk metrics', async () => {
    const desk = await spawnDesk({ DATA_DIR: join(dataDir, 'open'), DEMO: '0' }, 120_000);
    try {
      const res = await fetch(`${desk.baseUrl}/metrics`);
      assert.equal(res.status, 200);
      const text = await res.text();
      for (const name of ['centralita_calls_in_progress', 'centralita_queue_calls', 'centralita_agents', 'centralita_sip_errors_total', 'centralita_sip_messages_total', 'centralita_sip_active_calls']) {
        assert.match(text, new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'), name);
      }
      assert.match(text, /^centralita_sip_active_calls 0$/m);
      assert.match(text, /^centralita_metrics_collect_errors 0$/m);
    } finally {
      await desk.stop();
    }
  });

  test('with METRICS_TOKEN even loopback must send it', async () => {
    const token = 'a-metrics-token-for-the-e2e-test';
    const desk = await spawnDesk({ DATA_DIR: join(dataDir, 'token'), DEMO: '0', METRICS_TOKEN: token }, 120_000);
    try {
      assert.equal((await fetch(`${desk.baseUrl}/metrics`)).status, 401);
      const res = await fetch(`${desk.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      assert.doesNotMatch(desk.stdout() + desk.stderr(), new RegExp(token), 'the token is never logged');
    } finally {
      await desk.stop();
    }
  });
});
