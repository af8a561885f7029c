import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { callWithBaresip, rmsOf } from '../support/baresip.ts';
import { eventually, signInTo } from '../support/desk-api.ts';

describe('the demo line, called by baresip', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-baresip-desk-'));
  let desk: SpawnedDesk;

  before(async () => {
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: 'baresip-test-password' });
  });
  after(async () => {
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the caller hears the spoken greeting', async () => {
    const { heardWav, log } = await callWithBaresip(`sip:+34900100200@127.0.0.1:${desk.sipPort}`, 10);
    assert.match(log, /Call established/);
    // The greeting starts once the call is answered (after a short ring) and lasts a few seconds.
    const greeting = rmsOf(heardWav, 1, 3);
    assert.ok(greeting > 0.01, `speech energy during the greeting: RMS ${greeting}`);
    const api = await signInTo(desk.baseUrl, 'admin@demo.local', 'baresip-test-password');
    const call = await eventually(async () => {
      const items = (await api.get('/api/v1/calls?limit=1')).body.items;
      return items[0]?.endedAt ? items[0] : undefined;
    });
    assert.equal(call.callerId, 'tester');
    assert.equal(call.endReason, 'remote_bye');
    assert.equal(call.outcome, 'abandoned');
  });
});
