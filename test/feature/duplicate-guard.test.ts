import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

const intake = (appliance: string) => ({ appliance, underWarranty: false, urgency: 'normal' });

for (const kind of testDatabaseKinds()) {
  describe(`duplicate guard on ${kind}`, () => {
    let desk: TestDesk;
    let operator: ApiClient;
    let tenantId: string;
    let customerId: string;
    let assetId: string;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      operator = await desk.signIn('op@a.local');
      customerId = (await operator.post('/api/v1/customers', { tenantId, name: 'Pere Serra', phones: ['655 111 222'] })).body.id;
      assetId = (await operator.post(`/api/v1/customers/${customerId}/assets`, { applianceType: 'dishwasher', brand: 'Balay' })).body.id;
    });
    after(() => desk.close());

    const timelineKinds = async (ref: string) =>
      (await operator.get(`/api/v1/cases/${ref}/timeline`)).body.items.map((e: { kind: string }) => e.kind);

    test('same customer and asset: the open case is returned and the attempt recorded', async () => {
      const first = await operator.post('/api/v1/cases', { tenantId, customerId, assetId, intake: intake('dishwasher') });
      assert.equal(first.status, 201);
      const again = await operator.post('/api/v1/cases', { tenantId, customerId, assetId, intake: intake('other'), description: 'again' });
      assert.equal(again.status, 200);
      assert.equal(again.body.duplicate, true);
      assert.equal(again.body.matchedRule, 'customer_asset');
      assert.equal(again.body.case.reference, first.body.case.reference);
      assert.deepEqual(await timelineKinds(first.body.case.reference), ['created', 'duplicate_attempt']);
      const attempt = (await operator.get(`/api/v1/cases/${first.body.case.id}/timeline`)).body.items[1];
      assert.equal(attempt.data.rule, 'customer_asset');
      assert.equal(attempt.data.description, 'again');
    });

    test('same customer and appliance type', async () => {
      const first = await operator.post('/api/v1/cases', { tenantId, customerId, intake: intake('boiler') });
      const again = await operator.post('/api/v1/cases', { tenantId, customerId, intake: intake('boiler') });
      assert.equal(again.body.matchedRule, 'customer_appliance');
      assert.equal(again.body.case.id, first.body.case.id);
      const other = await operator.post('/api/v1/cases', { tenantId, customerId, intake: intake('oven') });
      assert.equal(other.status, 201);
    });

    test('same phone and appliance type within the window only', async () => {
      const first = await operator.post('/api/v1/cases', { tenantId, callerPhone: '699 000 111', intake: intake('refrigerator') });
      assert.equal(first.body.case.customer, null);
      desk.clock.advance(71 * 3_600_000);
      operator = await desk.signIn('op@a.local');
      const within = await operator.post('/api/v1/cases', { tenantId, callerPhone: '+34699000111', intake: intake('refrigerator') });
      assert.equal(within.body.matchedRule, 'phone_appliance');
      assert.equal(within.body.case.id, first.body.case.id);
      desk.clock.advance(2 * 3_600_000);
      operator = await desk.signIn('op@a.local');
      const outside = await operator.post('/api/v1/cases', { tenantId, callerPhone: '+34699000111', intake: intake('refrigerator') });
      assert.equal(outside.status, 201);
      assert.notEqual(outside.body.case.id, first.body.case.id);
    });

    test('the window is configurable per tenant', async () => {
      const admin = await (async () => {
        await desk.createUser('admin@a.local', 'admin', [tenantId]);
        return desk.signIn('admin@a.local');
      })();
      assert.equal((await admin.patch(`/api/v1/tenants/${tenantId}`, { duplicateWindowHours: 1 })).status, 200);
      await operator.post('/api/v1/cases', { tenantId, callerPhone: '688 000 222', intake: intake('oven') });
      desk.clock.advance(2 * 3_600_000);
      operator = await desk.signIn('op@a.local');
      assert.equal((await operator.post('/api/v1/cases', { tenantId, callerPhone: '688 000 222', intake: intake('oven') })).status, 201);
      await admin.patch(`/api/v1/tenants/${tenantId}`, { duplicateWindowHours: 72 });
    });

    test('a closed or cancelled case does not block a new order', async () => {
      const first = (await operator.post('/api/v1/cases', { tenantId, callerPhone: '677 333 444', intake: intake('washing_machine') })).body.case;
      await operator.post(`/api/v1/cases/${first.id}/transitions`, { to: 'cancelled' });
      const next = await operator.post('/api/v1/cases', { tenantId, callerPhone: '677 333 444', intake: intake('washing_machine') });
      assert.equal(next.status, 201);
    });

    test('an operator override opens a second case and is recorded on both', async () => {
      const first = (await operator.post('/api/v1/cases', { tenantId, callerPhone: '666 777 888', intake: intake('oven') })).body.case;
      const noReason = await operator.post('/api/v1/cases', { tenantId, callerPhone: '666 777 888', intake: intake('oven'), allowDuplicate: true });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.error.fields[0].path, 'overrideReason');
      const forced = await operator.post('/api/v1/cases', {
        tenantId, callerPhone: '666 777 888', intake: intake('oven'), allowDuplicate: true, overrideReason: 'second oven at the same flat',
      });
      assert.equal(forced.status, 201);
      assert.equal(forced.body.case.duplicateOf, first.id);
      assert.deepEqual(await timelineKinds(forced.body.case.reference), ['created', 'duplicate_override']);
      assert.deepEqual(await timelineKinds(first.reference), ['created', 'duplicate_override']);
    });

    test('a manager may not override', async () => {
      await desk.createUser('mgr@a.local', 'manager', [tenantId]);
      const manager = await desk.signIn('mgr@a.local');
      const res = await manager.post('/api/v1/cases', { tenantId, intake: intake('oven'), allowDuplicate: true, overrideReason: 'test reason' });
      assert.equal(res.status, 403);
    });

    test('concurrent identical orders make one case', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => operator.post('/api/v1/cases', { tenantId, callerPhone: '644 555 666', intake: intake('boiler') })),
      );
      assert.equal(results.filter((r) => r.status === 201).length, 1);
      assert.equal(new Set(results.map((r) => r.body.case.id)).size, 1);
    });
  });
}
