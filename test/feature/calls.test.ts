import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { closeOrphanedCalls, finishCallRecord, markCallAnswered, startCallRecord, storeVoicemail } from '../../src/server/calls/record-call.ts';
import { findLineForDialled } from '../../src/server/tenants/find-line-for-dialled.ts';
import { createCase } from '../../src/server/cases/create-case.ts';

for (const kind of testDatabaseKinds()) {
  describe(`call records on ${kind}`, () => {
    let desk: TestDesk;
    let operator: ApiClient;
    let other: ApiClient;
    let tenantId: string;
    let lineId: string;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      const tenantB = (await desk.createTenant('Tenant B', 'TB')).id;
      lineId = (await desk.addLine(tenantId, '+34 900 100 200')).id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      await desk.createUser('op@b.local', 'operator', [tenantB]);
      operator = await desk.signIn('op@a.local');
      other = await desk.signIn('op@b.local');
    });
    after(() => desk.close());

    test('the dialled number finds its line in any usual form', async () => {
      for (const dialled of ['+34900100200', '34900100200', '0034900100200', '900100200']) {
        const found = await findLineForDialled(desk.services, dialled);
        assert.equal(found?.line.id, lineId, dialled);
        assert.equal(found?.tenant.id, tenantId);
      }
      assert.equal(await findLineForDialled(desk.services, '+34900999999'), undefined);
      assert.equal(await findLineForDialled(desk.services, 'sip-garbage'), undefined);
    });

    test('a call that opens a case is on the record and on the case timeline', async () => {
      const callId = await startCallRecord(desk.services, {
        tenantId, lineId, trunkId: null, sipCallId: 'abc@host', direction: 'inbound', callerId: '+34612000111', callerName: '',
        dialled: '+34900100200', language: 'es',
      });
      desk.clock.advance(1000);
      await markCallAnswered(desk.services, callId);
      const opened = await createCase(desk.services, { kind: 'caller', name: 'Phone line' }, {
        tenantId, callerPhone: '+34612000111', channel: 'phone', intake: { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' },
      });
      desk.clock.advance(45_000);
      const path = [{ node: 'main_menu', result: 'pressed:1' }];
      await finishCallRecord(desk.services, callId, { path, digits: '1122', caseId: opened.case.id, outcome: 'case_created', reason: 'remote_bye' });
      const call = (await operator.get(`/api/v1/calls/${callId}`)).body;
      assert.equal(call.caseReference, opened.case.reference);
      assert.equal(call.durationSeconds, 46);
      assert.equal(call.outcome, 'case_created');
      assert.equal(call.digits, '1122');
      assert.deepEqual(call.path.map((s: { node: string }) => s.node), ['main_menu']);
      assert.ok(call.answeredAt);
      const timeline = (await operator.get(`/api/v1/cases/${opened.case.id}/timeline`)).body.items;
      const entry = timeline.find((e: { kind: string }) => e.kind === 'call');
      assert.equal(entry.data.callId, callId);
      assert.equal(entry.data.durationSeconds, 46);
      const byCase = (await operator.get(`/api/v1/calls?case=${opened.case.id}`)).body.items;
      assert.deepEqual(byCase.map((c: { id: string }) => c.id), [callId]);
      const byPhone = (await operator.get(`/api/v1/calls?phone=${encodeURIComponent('612 000 111')}`)).body.items;
      assert.deepEqual(byPhone.map((c: { id: string }) => c.id), [callId]);
      assert.equal((await other.get(`/api/v1/calls/${callId}`)).status, 404);
      assert.equal((await other.get('/api/v1/calls')).body.items.length, 0);
    });

    test('voicemail is stored and served as WAV to the tenant only', async () => {
      const callId = await startCallRecord(desk.services, {
        tenantId, lineId, trunkId: null, sipCallId: 'vm@host', direction: 'inbound', callerId: '+34612000222', callerName: '',
        dialled: '+34900100200', language: 'es',
      });
      const audio = Buffer.alloc(8000, 0xff);
      const id = await storeVoicemail(desk.services, { tenantId, callId, caseId: null, audio, encoding: 'pcmu', durationMs: 1000 });
      const res = await operator.request('GET', `/api/v1/recordings/${id}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'audio/wav');
      assert.equal((await other.request('GET', `/api/v1/recordings/${id}`)).status, 404);
      assert.deepEqual((await operator.get(`/api/v1/calls/${callId}`)).body.recordingIds, [id]);
    });

    test('calls a crash left open are closed at the next start', async () => {
      const callId = await startCallRecord(desk.services, {
        tenantId, lineId, trunkId: null, sipCallId: 'crash@host', direction: 'inbound', callerId: '+34612000333', callerName: '',
        dialled: '+34900100200', language: 'es',
      });
      assert.ok((await closeOrphanedCalls(desk.services)) >= 1);
      const call = (await operator.get(`/api/v1/calls/${callId}`)).body;
      assert.equal(call.endReason, 'server_restart');
      assert.ok(call.endedAt);
    });

    test('trunks: desk-wide admins only, secrets never shown', async () => {
      await desk.createUser('root@desk.local', 'admin', 'all');
      const admin = await desk.signIn('root@desk.local');
      assert.equal((await operator.get('/api/v1/trunks')).status, 403);
      const bad = await admin.post('/api/v1/trunks', { name: 'x', allowedSources: ['300.1.1.1'] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.fields[0].path, 'allowedSources.0');
      const created = await admin.post('/api/v1/trunks', { name: 'provider', allowedSources: ['192.0.2.0/24'], authUsername: 'desk', authPassword: 'trunk-secret-1' });
      assert.equal(created.status, 201);
      assert.ok(!JSON.stringify(created.body).includes('trunk-secret-1'));
      const [row] = await desk.services.db.query<{ ha1: string }>(`select auth_ha1_md5 as ha1 from trunks`);
      assert.match(row!.ha1, /^[0-9a-f]{32}$/);
    });
  });
}
