import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { hasValidCheckDigit } from '../../src/server/cases/reference-number.ts';

const intake = { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' };

for (const kind of testDatabaseKinds()) {
  describe(`cases on ${kind}`, () => {
    let desk: TestDesk;
    let operator: ApiClient;
    let tenantId: string;

    before(async () => {
      desk = await createTestDesk(kind);
      const tenant = await desk.createTenant('Tenant A', 'TA');
      tenantId = tenant.id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      operator = await desk.signIn('op@a.local');
    });
    after(() => desk.close());

    test('a case is created with a checked reference, the intake and the caller', async () => {
      const res = await operator.post('/api/v1/cases', {
        tenantId, callerPhone: '611 22 33 44', intake: { ...intake, urgency: 'urgent' }, channel: 'operator',
        customer: { name: 'Laura Gil', phones: ['611223344'] },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const c = res.body.case;
      assert.equal(res.body.duplicate, false);
      assert.match(c.reference, /^[0-9]{8}$/);
      assert.ok(hasValidCheckDigit(c.reference));
      assert.deepEqual(c.intake, { ...intake, urgency: 'urgent' });
      assert.equal(c.priority, 'urgent');
      assert.equal(c.status, 'new');
      assert.equal(c.callerPhone, '+34611223344');
      assert.equal(c.customer.name, 'Laura Gil');
      assert.deepEqual(c.customer.phones, ['+34611223344']);
      const timeline = await operator.get(`/api/v1/cases/${c.reference}/timeline`);
      assert.deepEqual(timeline.body.items.map((e: { kind: string }) => e.kind), ['created']);
      assert.equal(timeline.body.items[0].actorName, 'op');
    });

    test('intake is validated against the protocol version in force', async () => {
      const res = await operator.post('/api/v1/cases', { tenantId, intake: { appliance: 'toaster', underWarranty: 'yes', extra: 1 } });
      assert.equal(res.status, 400);
      const paths = res.body.error.fields.map((f: { path: string }) => f.path).sort();
      assert.deepEqual(paths, ['intake.appliance', 'intake.extra', 'intake.underWarranty', 'intake.urgency']);
    });

    test('lookup by reference, typed with spaces, and by id', async () => {
      const created = (await operator.post('/api/v1/cases', { tenantId, callerPhone: '+34 622 000 001', intake })).body.case;
      const spaced = `${created.reference.slice(0, 4)} ${created.reference.slice(4)}`;
      assert.equal((await operator.get(`/api/v1/cases/${encodeURIComponent(spaced)}`)).body.id, created.id);
      assert.equal((await operator.get(`/api/v1/cases/${created.id}`)).body.reference, created.reference);
      assert.equal((await operator.get('/api/v1/cases/12345678')).status, 404);
    });

    test('listing filters by reference, phone in any format, status, tenant and dates', async () => {
      const a = (await operator.post('/api/v1/cases', { tenantId, callerPhone: '633 44 55 66', intake: { ...intake, appliance: 'oven' } })).body.case;
      const byRef = await operator.get(`/api/v1/cases?reference=${a.reference}`);
      assert.deepEqual(byRef.body.items.map((c: { id: string }) => c.id), [a.id]);
      for (const phone of ['633445566', '+34633445566', '0034 633 44 55 66', '633-44-55-66']) {
        const res = await operator.get(`/api/v1/cases?phone=${encodeURIComponent(phone)}`);
        assert.deepEqual(res.body.items.map((c: { id: string }) => c.id), [a.id], phone);
      }
      const item = byRef.body.items[0];
      assert.equal(item.reference, a.reference);
      assert.equal(item.status, 'new');
      assert.deepEqual(item.intake, { ...intake, appliance: 'oven' });
      assert.ok('customer' in item);
      const newOnes = await operator.get(`/api/v1/cases?status=new&tenant=${tenantId}`);
      assert.ok(newOnes.body.items.length >= 3);
      assert.ok(newOnes.body.items.every((c: { status: string }) => c.status === 'new'));
      assert.equal((await operator.get('/api/v1/cases?status=dispatched')).body.items.length, 0);
      assert.equal((await operator.get('/api/v1/cases?from=2026-11-24')).body.items.length, 0);
      assert.ok((await operator.get('/api/v1/cases?from=2026-11-23&to=2026-11-24')).body.items.length >= 3);
      assert.equal((await operator.get('/api/v1/cases?status=bogus')).status, 400);
    });

    test('pages follow the cursor without repeats or gaps', async () => {
      for (let i = 0; i < 7; i += 1) {
        desk.clock.advance(1000);
        await operator.post('/api/v1/cases', { tenantId, callerPhone: `+3464400000${i}`, intake });
      }
      const all = (await operator.get('/api/v1/cases?limit=200')).body.items.map((c: { id: string }) => c.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await operator.get(`/api/v1/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(page.body.items.length <= 3);
        seen.push(...page.body.items.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, all);
      assert.equal((await operator.get('/api/v1/cases?cursor=garbage')).status, 400);
    });

    test('customers are searchable by phone in any format and by name', async () => {
      const byPhone = await operator.get(`/api/v1/customers?phone=${encodeURIComponent('611 223 344')}&tenant=${tenantId}`);
      assert.deepEqual(byPhone.body.items.map((c: { name: string }) => c.name), ['Laura Gil']);
      const byName = await operator.get('/api/v1/customers?q=laura');
      assert.deepEqual(byName.body.items.map((c: { name: string }) => c.name), ['Laura Gil']);
      assert.equal((await operator.get('/api/v1/customers?phone=12')).status, 400);
    });

    test('the timeline is append-only, even to SQL', async () => {
      await assert.rejects(desk.services.db.query("update case_events set kind = 'x'"), /append-only/);
      await assert.rejects(desk.services.db.query('delete from case_events'), /append-only/);
    });
  });
}
