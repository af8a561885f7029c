import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { caseStatuses, caseTransitions, type TCaseStatus } from '../../src/shared/case-lifecycle.ts';

/** The shortest legal path from new to each status, to reach it before trying every move. */
const pathTo: Record<TCaseStatus, TCaseStatus[]> = {
  new: [],
  dispatched: ['dispatched'],
  accepted: ['dispatched', 'accepted'],
  en_route: ['dispatched', 'accepted', 'en_route'],
  on_site: ['dispatched', 'accepted', 'en_route', 'on_site'],
  resolved: ['resolved'],
  closed: ['resolved', 'closed'],
  cancelled: ['cancelled'],
  reopened: ['cancelled', 'reopened'],
};

for (const kind of testDatabaseKinds()) {
  describe(`case lifecycle on ${kind}`, () => {
    let desk: TestDesk;
    let operator: ApiClient;
    let tenantId: string;
    let phoneSeq = 0;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      operator = await desk.signIn('op@a.local');
    });
    after(() => desk.close());

    const caseAt = async (status: TCaseStatus) => {
      phoneSeq += 1;
      const c = (await operator.post('/api/v1/cases', {
        tenantId, callerPhone: `+3461000${String(phoneSeq).padStart(4, '0')}`, intake: { appliance: 'oven', underWarranty: true, urgency: 'normal' },
      })).body.case;
      for (const to of pathTo[status]) {
        const res = await operator.post(`/api/v1/cases/${c.id}/transitions`, { to });
        assert.equal(res.status, 200, `${to}: ${JSON.stringify(res.body)}`);
      }
      return c.id as string;
    };

    test('every legal move is accepted and lands on the timeline; every other is refused', async () => {
      for (const from of caseStatuses) {
        for (const to of caseStatuses) {
          const id = await caseAt(from);
          const before = await desk.count('case_events');
          const res = await operator.post(`/api/v1/cases/${id}/transitions`, { to, note: `${from} to ${to}` });
          if (caseTransitions[from].includes(to)) {
            assert.equal(res.status, 200, `${from} → ${to}`);
            assert.equal(res.body.status, to);
            const last = (await operator.get(`/api/v1/cases/${id}/timeline`)).body.items.at(-1);
            assert.equal(last.kind, 'status_changed');
            assert.deepEqual([last.before.status, last.after.status, last.data.note], [from, to, `${from} to ${to}`]);
          } else {
            assert.equal(res.status, 409, `${from} → ${to} should be refused`);
            assert.equal(res.body.error.code, 'invalid_transition');
            assert.equal(res.body.error.fields[0].path, 'to');
            assert.equal(await desk.count('case_events'), before);
            assert.equal((await operator.get(`/api/v1/cases/${id}`)).body.status, from);
          }
        }
      }
    });

    test('closing stamps closedAt and reopening clears it', async () => {
      const id = await caseAt('resolved');
      const closed = await operator.post(`/api/v1/cases/${id}/transitions`, { to: 'closed' });
      assert.ok(closed.body.closedAt);
      const reopened = await operator.post(`/api/v1/cases/${id}/transitions`, { to: 'reopened' });
      assert.equal(reopened.body.closedAt, null);
    });

    test('updates and notes are recorded with before and after', async () => {
      const id = await caseAt('new');
      const res = await operator.patch(`/api/v1/cases/${id}`, { intake: { urgency: 'urgent' }, priority: 'high', description: 'Leaks water' });
      assert.equal(res.status, 200);
      assert.equal(res.body.intake.urgency, 'urgent');
      await operator.post(`/api/v1/cases/${id}/notes`, { text: 'Customer prefers mornings' });
      const [, updated, note] = (await operator.get(`/api/v1/cases/${id}/timeline`)).body.items;
      assert.equal(updated.kind, 'updated');
      assert.equal(updated.before.priority, 'normal');
      assert.equal(updated.after.priority, 'high');
      assert.equal(updated.before.intake.urgency, 'normal');
      assert.equal(note.kind, 'note_added');
      assert.equal(note.data.text, 'Customer prefers mornings');
      const bad = await operator.patch(`/api/v1/cases/${id}`, { intake: { urgency: 'whenever' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.fields[0].path, 'intake.urgency');
    });
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`patches change only what they name, on ${kind}`, () => {
    let desk: TestDesk;
    before(async () => {
      desk = await createTestDesk(kind);
    });
    after(() => desk.close());

    test('renaming a tenant keeps its window and country; renaming a customer keeps the notes', async () => {
      const tenant = await desk.createTenant('Tenant A', 'TA');
      await desk.createUser('admin@a.local', 'admin', [tenant.id]);
      const admin = await desk.signIn('admin@a.local');
      await admin.patch(`/api/v1/tenants/${tenant.id}`, { duplicateWindowHours: 12, country: 'FR' });
      const renamed = await admin.patch(`/api/v1/tenants/${tenant.id}`, { name: 'Tenant Renamed' });
      assert.equal(renamed.status, 200);
      assert.deepEqual([renamed.body.name, renamed.body.duplicateWindowHours, renamed.body.country], ['Tenant Renamed', 12, 'FR']);
      const customer = (await admin.post('/api/v1/customers', { tenantId: tenant.id, name: 'Pau', phones: ['+34600123123'], notes: 'Gate code 1234' })).body;
      const patched = await admin.patch(`/api/v1/customers/${customer.id}`, { name: 'Pau Serra' });
      assert.deepEqual([patched.body.name, patched.body.notes], ['Pau Serra', 'Gate code 1234']);
    });
  });
}
