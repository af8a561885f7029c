import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { createTestDesk, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

const intake = { appliance: 'dishwasher', underWarranty: true, urgency: 'normal' };

for (const kind of testDatabaseKinds()) {
  describe(`customer portal on ${kind}`, () => {
    let desk: TestDesk;
    let reference: string;

    before(async () => {
      desk = await createTestDesk(kind, { demo: true });
    });
    after(() => desk.close());

    const portal = (path: string, body?: unknown) =>
      body === undefined ? desk.anonymous.get(`/api/v1/portal/martinez${path}`) : desk.anonymous.post(`/api/v1/portal/martinez${path}`, body);

    test('the portal of a business: its name, protocol form and trees; an unknown code is 404', async () => {
      const res = await portal('?language=ca');
      assert.equal(res.status, 200);
      assert.equal(res.body.name, 'Reparaciones Martínez');
      assert.deepEqual(res.body.trees, [{ slug: 'autodiagnostico', title: 'Autodiagnòstic d’avaries' }]);
      assert.deepEqual(res.body.intakeSchema.fields.map((f: { key: string }) => f.key), ['appliance', 'underWarranty', 'urgency', 'brand']);
      assert.equal((await desk.anonymous.get('/api/v1/portal/nobody')).status, 404);
    });

    test('a case opened on the portal goes through the protocol and the duplicate guard', async () => {
      const first = await portal('/cases', { name: 'Nuria Sala', phone: '622 33 44 55', intake, description: 'No lava bien', treeSlug: 'autodiagnostico' });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      reference = first.body.reference;
      const opened = await desk.services.cases.findCaseByReference(reference);
      assert.equal(opened?.channel, 'portal');
      assert.deepEqual(opened?.intake, intake);
      assert.equal(opened?.callerPhone, '+34622334455');
      const again = await portal('/cases', { name: 'Nuria Sala', phone: '622334455', intake, description: '' });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, { reference, duplicate: true });
    });

    test('the protocol form reports every field’s mistake at once', async () => {
      const res = await portal('/cases', { name: '', phone: '12', intake: { appliance: 'toaster' } });
      assert.equal(res.status, 400);
      const paths = res.body.error.fields.map((f: { path: string }) => f.path).sort();
      assert.deepEqual(paths, ['intake.appliance', 'intake.underWarranty', 'intake.urgency', 'name', 'phone']);
    });

    test('status by reference and phone; a wrong phone and an unknown reference get the same answer', async () => {
      const ok = await portal('/status', { reference, phone: '+34 622 33 44 55' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'new');
      const timed = async (body: unknown) => {
        const started = performance.now();
        const res = await portal('/status', body);
        return { res, ms: performance.now() - started };
      };
      const wrongPhone = await timed({ reference, phone: '699000000' });
      const unknown = await timed({ reference: '10000009', phone: '699000000' });
      const malformed = await timed({ reference: '12', phone: '699000000' });
      for (const { res, ms } of [wrongPhone, unknown, malformed]) {
        assert.equal(res.status, 404);
        assert.deepEqual(res.body, wrongPhone.res.body);
        // Every answer waits for the same floor, so a miss on an existing case is not slower or faster.
        assert.ok(ms >= desk.services.statusFloorMs - 5, `answered in ${ms} ms`);
      }
    });

    test('guessing is rate limited per reference and per address, and the limit reveals nothing', async () => {
      // (the previous test spent 2 tries of this reference) three more wrong phones, then even the right one is refused.
      for (let i = 0; i < 3; i += 1) assert.equal((await portal('/status', { reference, phone: `69900000${i}` })).status, 404);
      const limited = await portal('/status', { reference, phone: '622334455' });
      assert.equal(limited.status, 429);
      const limitedUnknown = await portal('/status', { reference: '10000009', phone: '699000000' });
      // Per address: 20 look-ups in the window, whatever the references (9 made so far).
      const statuses: number[] = [limitedUnknown.status];
      for (let i = 0; i < 14; i += 1) statuses.push((await portal('/status', { reference: `2000000${i}`, phone: '699000000' })).status);
      assert.deepEqual(statuses.slice(-3), [429, 429, 429]);
      assert.deepEqual((await portal('/status', { reference: '30000001', phone: '699000000' })).body.error.code, 'rate_limited');
      desk.clock.advance(61 * 60_000);
      assert.equal((await portal('/status', { reference, phone: '622334455' })).status, 200);
    });

    test('bad bodies name the field; unknown fields are refused', async () => {
      const res = await portal('/status', { reference: '1', phone: '699000000', extra: 1 });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error.fields, [{ path: 'extra', message: 'unknown field' }]);
    });
  });
}
