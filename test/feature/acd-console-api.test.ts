import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAcdDesk, type AcdDesk } from '../support/acd-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

/** Reads Server-Sent Events from a streaming response until `want` arrives or time is up. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(want: string, timeoutMs = 5_000): Promise<{ data: any; at: number }> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (event === want) return { data: JSON.parse(data), at: Date.now() };
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no ${want} event in ${timeoutMs} ms`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (chunk === null) throw new Error(`no ${want} event in ${timeoutMs} ms`);
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`operators' console API on ${kind}`, () => {
    let d: AcdDesk;
    let ana: Awaited<ReturnType<AcdDesk['addOperator']>>;
    before(async () => {
      d = await createAcdDesk(kind, { wrapUpSeconds: 60 });
      ana = await d.addOperator('ana', '2001');
    });
    after(() => d.close());

    test('the screen pop reaches the operator over SSE within 1 s of the phone ringing', async () => {
      const res = await d.desk.app.request('/api/v1/operators/events', { headers: await cookieOf(d, 'ana') });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      const events = sseReader(res.body!);
      await d.setAvailable('ana');
      const state = await events.next('agent.state');
      assert.equal(state.data.state, 'available');

      const existing = await d.admin.post('/api/v1/cases', {
        tenantId: d.tenant.id, callerPhone: '+34600000030', intake: { appliance: 'boiler', underWarranty: false, urgency: 'normal' },
      });
      assert.equal(existing.status, 201, JSON.stringify(existing.body));
      const started = Date.now();
      const leg = await d.enqueue('+34600000030', { intake: { appliance: 'boiler', urgency: 'urgent' }, path: ['menu', '1', '5', '0'] });
      const ringAt = Date.now();
      assert.deepEqual(d.line.ringingExtensions(), ['2001']);
      const offer = await events.next('offer');
      assert.ok(offer.at - ringAt < 1_000, `screen pop ${offer.at - ringAt} ms after the ring (enqueue took ${ringAt - started} ms)`);
      const pop = offer.data.offer;
      assert.equal(pop.tenant.id, d.tenant.id);
      assert.match(pop.tenant.greetingScript, /Reparaciones Norte.*ana/);
      assert.equal(pop.caller.phone, '+34600000030');
      assert.deepEqual(pop.collected.intake, { appliance: 'boiler', urgency: 'urgent' });
      assert.deepEqual(pop.collected.path, ['menu', '1', '5', '0']);
      assert.equal(pop.protocol.version, 1);
      assert.equal(pop.openCases.length, 1);
      assert.equal(pop.duplicateWarning?.caseId, existing.body.case.id, 'an open boiler case from the same phone is flagged');
      assert.equal(pop.duplicateWarning?.rule, 'phone_appliance');
      assert.ok(!pop.history.calls.some((c: { id: string }) => c.id === leg), 'the history lists earlier calls, not the one ringing');

      const me = await ana.api.get('/api/v1/operators/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.agent.state, 'ringing');
      assert.equal(me.body.agent.sip.extension, '2001');
      assert.equal(me.body.agent.sip.registered, true);
      assert.equal(me.body.offer.queueCallId, pop.queueCallId);

      d.line.answer('2001');
      await d.settle();
      const connected = await events.next('call.connected');
      assert.equal(connected.data.call.queueCallId, pop.queueCallId);
      assert.ok(connected.data.call.wrapUpCodes.includes('resolved'));

      const bad = await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/complete`, { intake: { appliance: 'spaceship' } });
      assert.equal(bad.status, 400);
      const dup = await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/complete`, {
        intake: { appliance: 'boiler', underWarranty: false, urgency: 'urgent' }, description: 'sin agua caliente',
      });
      assert.equal(dup.status, 200, JSON.stringify(dup.body));
      assert.deepEqual({ caseId: dup.body.caseId, created: dup.body.created, duplicate: dup.body.duplicate }, { caseId: existing.body.case.id, created: false, duplicate: true });
      const own = await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/complete`, {
        intake: { appliance: 'boiler', underWarranty: false, urgency: 'urgent' }, override: { reason: 'second boiler at another address' },
      });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(own.body.created, true);
      assert.notEqual(own.body.caseId, existing.body.case.id);

      assert.equal((await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/hold`)).status, 204);
      assert.equal((await events.next('call.held')).data.call.status, 'held');
      assert.equal((await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/resume`)).status, 204);
      assert.equal((await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/hangup`)).status, 204);
      const ended = await events.next('call.ended');
      assert.equal(ended.data.by, 'operator');
      assert.ok(d.line.hungUp.includes(leg));

      const wrongCode = await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/wrap-up`, { code: 'made_up' });
      assert.equal(wrongCode.status, 400);
      assert.equal(wrongCode.body.error.fields[0].path, 'code');
      const wrapped = await ana.api.post(`/api/v1/queue-calls/${pop.queueCallId}/wrap-up`, { code: 'case_opened', notes: 'técnico mañana' });
      assert.equal(wrapped.status, 200, JSON.stringify(wrapped.body));
      await d.settle();
      assert.equal(d.agent(ana.userId).state, 'available', 'a code ends wrap-up early');
      const timeline = await d.admin.get(`/api/v1/cases/${own.body.caseId}/timeline`);
      assert.ok(timeline.body.items.some((e: any) => e.kind === 'note_added' && /técnico mañana/.test(e.data.text)), 'the notes are on the case timeline');
      const stay = (await d.stays()).find((s) => s.id === pop.queueCallId)!;
      assert.equal(stay.wrap_up_code, 'case_opened');
      assert.equal(stay.case_id, own.body.caseId);
      await events.cancel();
    });

    test('tenant scope, roles and bad input', async () => {
      const other = await d.desk.createTenant('Otra', 'OTRA');
      await d.desk.createUser('outsider@test.local', 'operator', [other.id]);
      await d.desk.createUser('boss@test.local', 'manager', [d.tenant.id]);
      const outsider = await d.desk.signIn('outsider@test.local');
      const boss = await d.desk.signIn('boss@test.local');
      assert.equal((await ana.api.post('/api/v1/operators/me/state', { state: 'break' })).status, 204);
      const leg = await d.enqueue('+34600000031');
      const stay = await d.stayOf(leg);

      assert.equal((await outsider.get(`/api/v1/queue-calls/${stay.id}/screen-pop`)).status, 404, "another tenant's call does not exist");
      assert.equal((await outsider.get('/api/v1/queue-board')).body.calls.length, 0);
      assert.ok((await ana.api.get('/api/v1/queue-board')).body.calls.some((c: any) => c.queueCallId === stay.id));
      assert.equal((await ana.api.post(`/api/v1/queue-calls/${stay.id}/hold`)).status, 404, 'not her call');
      assert.equal((await ana.api.get('/api/v1/supervisor/overview')).status, 403);
      const overview = await boss.get('/api/v1/supervisor/overview');
      assert.equal(overview.status, 200);
      assert.equal(overview.body.queues[0].waiting, 1);
      assert.ok(overview.body.agents.some((a: any) => a.userId === ana.userId && a.extension === '2001'));
      assert.equal((await boss.post('/api/v1/operators/me/state', { state: 'available' })).status, 403, 'a manager takes no calls');
      assert.equal((await d.desk.anonymous.get('/api/v1/queue-board')).status, 401);
      assert.equal((await ana.api.post('/api/v1/queues', { tenantId: d.tenant.id, name: 'mine' })).status, 403);

      const badState = await ana.api.post('/api/v1/operators/me/state', { state: 'on_call' });
      assert.equal(badState.status, 400);
      assert.equal(badState.body.error.fields[0].path, 'state');
      const badQueue = await d.admin.post('/api/v1/queues', { tenantId: d.tenant.id, name: 'Bad Name', ringTimeoutSeconds: 1, requiredSkills: ['telepathy'] });
      assert.equal(badQueue.status, 400);
      assert.deepEqual(badQueue.body.error.fields.map((f: any) => f.path).sort(), ['name', 'requiredSkills.0', 'ringTimeoutSeconds']);
      const twice = await d.admin.post('/api/v1/queues', { tenantId: d.tenant.id, name: 'default' });
      assert.equal(twice.status, 409);
      // Where Ana may send a call: the other operators of its tenant (never another tenant's), its queues.
      await d.desk.createUser('bea@test.local', 'operator', [d.tenant.id]);
      const bea = await d.desk.signIn('bea@test.local');
      assert.equal((await bea.get('/api/v1/operators/me')).status, 200);
      assert.equal((await outsider.get('/api/v1/operators/me')).status, 200);
      const targets = await ana.api.get(`/api/v1/queue-calls/${stay.id}/transfer-targets`);
      assert.equal(targets.status, 200);
      assert.deepEqual(targets.body.agents.map((a: any) => [a.name, a.state, a.registered]), [['bea', 'offline', false]]);
      assert.deepEqual(targets.body.queues.map((q: any) => q.id), [d.queueId]);
      assert.equal((await outsider.get(`/api/v1/queue-calls/${stay.id}/transfer-targets`)).status, 404);
      assert.equal((await boss.get(`/api/v1/queue-calls/${stay.id}/transfer-targets`)).status, 403, 'a manager takes no calls, so transfers none');
      const badTransfer = await ana.api.post(`/api/v1/queue-calls/${stay.id}/transfer`, { mode: 'attended', to: { queueId: d.queueId } });
      assert.equal(badTransfer.status, 400);
      assert.equal(badTransfer.body.error.fields[0].path, 'to');
    });
  });
}

async function cookieOf(d: AcdDesk, name: string): Promise<Record<string, string>> {
  const res = await d.desk.app.request('/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${name}@test.local`, password: 'test-password-123' }),
  });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}
