import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { runSippCall } from '../support/sipp.ts';
import { eventually, signInTo } from '../support/desk-api.ts';

const password = 'phone-test-password';
const line = '+34900100200';

// (c) waits out the menu's timeouts for more than a minute, so it runs beside the other calls, which go one
// after another (b needs the case of a; d counts cases).
describe('the demo line, called by SIPp', { concurrency: true }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-sipp-'));
  let desk: SpawnedDesk;
  let api: Awaited<ReturnType<typeof signInTo>>;
  let reference = '';

  before(async () => {
    // SIPp sends no audio between its key presses; a real phone would, so the media timeout is lifted.
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password, RTP_TIMEOUT_SECONDS: '600' }, 120_000);
    api = await signInTo(desk.baseUrl, 'admin@demo.local', password);
  });
  after(async () => {
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const lastCallFrom = (caller: string) =>
    eventually(async () => {
      const calls = (await api.get(`/api/v1/calls?phone=${encodeURIComponent(caller)}&limit=1`)).body.items;
      return calls[0]?.endedAt ? calls[0] : undefined;
    }, 20_000, `the call record of ${caller}`);

  describe('calls one after another', { concurrency: 1 }, () => {
    test('(a) a new repair: washing machine, no warranty, normal', async () => {
      const caller = '+34699111222';
      const result = await runSippCall(desk.sipPort, line, {
        callerId: caller,
        steps: [{ pause: 1500 }, { digits: '1' }, { pause: 2500 }, { digits: '1' }, { pause: 2000 }, { digits: '2' }, { pause: 2000 }, { digits: '2' }, { pause: 9000 }],
      });
      assert.equal(result.code, 0, `SIPp failed: ${result.errors}\n${result.stdout.slice(-2000)}`);
      const call = await lastCallFrom(caller);
      assert.equal(call.outcome, 'case_created');
      assert.ok(call.caseReference, 'the call is linked to its case');
      const opened = (await api.get(`/api/v1/cases/${call.caseReference}`)).body;
      assert.deepEqual(opened.intake, { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' });
      assert.equal(opened.callerPhone, caller);
      assert.equal(opened.channel, 'phone');
      assert.equal(call.digits, '1122');
      const kinds = (await api.get(`/api/v1/cases/${opened.id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
      // The demo policy dispatches on creation, so dispatch entries may stand between the two.
      assert.equal(kinds[0], 'created');
      assert.ok(kinds.includes('call'), kinds.join(', '));
      assert.ok(kinds.includes('dispatch_decided'), kinds.join(', '));
      const created = call.path.find((s: { node: string }) => s.node === 'new_case');
      assert.ok(created, JSON.stringify(call.path));
      reference = opened.reference;
    });

    test('(b) the status of that case, by its reference', async () => {
      assert.ok(reference, 'needs the case of (a)');
      const caller = '+34699111333';
      const result = await runSippCall(desk.sipPort, line, {
        callerId: caller,
        steps: [{ pause: 1500 }, { digits: '2' }, { pause: 2500 }, { digits: `${reference}#`, gapMs: 250 }, { pause: 15_000 }],
      });
      assert.equal(result.code, 0, result.errors);
      const call = await lastCallFrom(caller);
      const lookup = call.path.find((s: { node: string; result?: string }) => s.node === 'status');
      assert.equal(lookup?.result, 'found:new', JSON.stringify(call.path));
      assert.equal(call.outcome, 'status_given');
    });

    test('(d) hanging up mid-menu leaves a complete record and no case', async () => {
      const caller = '+34699111555';
      const casesBefore = (await api.get('/api/v1/cases?limit=200')).body.items.length;
      const result = await runSippCall(desk.sipPort, line, { callerId: caller, steps: [{ pause: 2500 }] });
      assert.equal(result.code, 0, result.errors);
      const call = await lastCallFrom(caller);
      assert.equal(call.outcome, 'abandoned');
      assert.equal(call.endReason, 'remote_bye');
      assert.ok(call.answeredAt && call.endedAt);
      assert.ok(call.durationSeconds >= 2);
      assert.equal(call.caseId, null);
      assert.equal((await api.get('/api/v1/cases?limit=200')).body.items.length, casesBefore);
    });

    test('(e) CANCEL before the answer', async () => {
      const caller = '+34699111666';
      const result = await runSippCall(desk.sipPort, line, { callerId: caller, steps: [], cancelBeforeAnswer: true });
      assert.equal(result.code, 0, `SIPp expected 200 to CANCEL and 487: ${result.errors}`);
      const call = await lastCallFrom(caller);
      assert.equal(call.endReason, 'cancelled');
      assert.equal(call.answeredAt, null);
      assert.equal(call.outcome, 'abandoned');
    });

    test('(f) self-help: option 3 walks the self-diagnosis tree by keys to the article, and the caller says it solved it', async () => {
      const caller = '+34699111677';
      const result = await runSippCall(desk.sipPort, line, {
        callerId: caller,
        steps: [{ pause: 1500 }, { digits: '3' }, { pause: 3000 }, { digits: '1' }, { pause: 3000 }, { digits: '1' }, { pause: 4000 }, { digits: '1' }, { pause: 1000 }],
      }, 60);
      assert.equal(result.code, 0, `SIPp failed: ${result.errors}\n${result.stdout.slice(-2000)}`);
      const call = await lastCallFrom(caller);
      const tree = call.path.find((s: { node: string }) => s.node === 'self_help');
      assert.equal(tree?.result, 'solved:lavadora-filtro', JSON.stringify(call.path));
      assert.equal(call.outcome, 'self_help');
      assert.equal(call.caseReference, null);
      const tenantId = (await api.get('/api/v1/tenants')).body.items[0].id;
      const measures = await eventually(async () => {
        const items = (await api.get(`/api/v1/knowledge/measures?tenantId=${tenantId}&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`)).body.items;
        return items.length > 0 ? items : undefined;
      }, 10_000, 'the knowledge measures of the call');
      const ivr = (slug: string) => measures.find((m: { slug: string; channel: string }) => m.slug === slug && m.channel === 'ivr');
      assert.deepEqual([ivr('autodiagnostico')?.views, ivr('autodiagnostico')?.resolutions], [1, 1]);
      assert.deepEqual([ivr('lavadora-filtro')?.views, ivr('lavadora-filtro')?.resolutions], [1, 1]);
    });

    test('an unknown number is refused with 404', async () => {
      const result = await runSippCall(desk.sipPort, '+34911000000', { steps: [{ pause: 100 }] }, 10);
      assert.notEqual(result.code, 0);
      assert.match(result.stdout + result.errors, /404/);
    });
  });

  test('(c) an invalid key, then silence: re-prompted, then the fallback path', async () => {
    const caller = '+34699111444';
    // Three tries of the menu (invalid, then two silences) take about a minute; by 80 s the
    // fallback has put the caller through to the operator queue's own fallback, the voicemail.
    const result = await runSippCall(desk.sipPort, line, { callerId: caller, steps: [{ pause: 1500 }, { digits: '7' }, { pause: 80_000 }] }, 120);
    assert.equal(result.code, 0, result.errors);
    const call = await lastCallFrom(caller);
    const menu = call.path.find((s: { node: string }) => s.node === 'main_menu');
    assert.ok(menu.failures >= 2, JSON.stringify(call.path));
    const nodes = call.path.map((s: { node: string }) => s.node);
    assert.ok(nodes.includes('operator') && nodes.includes('voicemail'), `fallback path: ${nodes.join(' → ')}`);
    assert.equal(call.digits, '7');
    assert.equal(call.caseId, null);
  });
});
