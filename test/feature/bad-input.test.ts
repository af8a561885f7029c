import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

const tables = ['tenants', 'lines', 'protocols', 'customers', 'sites', 'assets', 'cases', 'case_events', 'users', 'api_tokens', 'user_tenants'];
const long = 'x'.repeat(20_000);
const intake = { appliance: 'oven', underWarranty: false, urgency: 'normal' };

interface BadCase {
  name: string;
  body: unknown;
  field: string;
}

for (const kind of testDatabaseKinds()) {
  describe(`bad input on every write route, on ${kind}`, () => {
    let desk: TestDesk;
    let admin: ApiClient;
    let tenantId: string;
    let customerId: string;
    let caseId: string;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      await desk.createUser('admin@desk.local', 'admin', 'all');
      admin = await desk.signIn('admin@desk.local');
      customerId = (await admin.post('/api/v1/customers', { tenantId, name: 'C', phones: ['+34600000001'] })).body.id;
      caseId = (await admin.post('/api/v1/cases', { tenantId, customerId, intake })).body.case.id;
    });
    after(() => desk.close());

    const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await desk.count(t)])));

    const routes = (): { method: string; path: string; valid: Record<string, unknown>; bad: BadCase[] }[] => [
      {
        method: 'POST', path: '/api/v1/tenants',
        valid: { name: 'T', billingCode: 'TT', language: 'es', timeZone: 'Europe/Madrid', businessHours: { weekly: [] } },
        bad: [
          { name: 'wrong type', body: { name: 5 }, field: 'name' },
          { name: 'bad language', body: { language: 'fr' }, field: 'language' },
          { name: 'bad time zone', body: { timeZone: 'Mars/Olympus' }, field: 'timeZone' },
          { name: 'bad hours', body: { businessHours: { weekly: [{ day: 'mon', open: '25:00', close: '10:00' }] } }, field: 'businessHours.weekly.0.open' },
        ],
      },
      { method: 'PATCH', path: `/api/v1/tenants/${tenantId}`, valid: { name: 'Renamed' }, bad: [{ name: 'wrong type', body: { duplicateWindowHours: 'many' }, field: 'duplicateWindowHours' }] },
      { method: 'POST', path: `/api/v1/tenants/${tenantId}/lines`, valid: { number: '+34911000000' }, bad: [{ name: 'bad phone', body: { number: '12345' }, field: 'number' }] },
      {
        method: 'POST', path: `/api/v1/tenants/${tenantId}/protocols`,
        valid: { intakeSchema: { fields: [{ key: 'a', type: 'text', labels: { es: 'A' } }] } },
        bad: [
          { name: 'duplicate key', body: { intakeSchema: { fields: [{ key: 'a', type: 'text', labels: { es: 'A' } }, { key: 'a', type: 'text', labels: { es: 'B' } }] } }, field: 'intakeSchema.fields.1.key' },
          { name: 'choice without options', body: { intakeSchema: { fields: [{ key: 'a', type: 'choice', labels: { es: 'A' } }] } }, field: 'intakeSchema.fields.0.options' },
        ],
      },
      {
        method: 'POST', path: '/api/v1/customers',
        valid: { tenantId, name: 'N', phones: ['+34600000002'] },
        bad: [
          { name: 'bad phone', body: { phones: ['not-a-number'] }, field: 'phones.0' },
          { name: 'no phones', body: { phones: [] }, field: 'phones' },
          { name: 'bad e-mail', body: { email: 'nobody' }, field: 'email' },
        ],
      },
      { method: 'PATCH', path: `/api/v1/customers/${customerId}`, valid: { name: 'M' }, bad: [{ name: 'bad phone', body: { phones: ['+1'] }, field: 'phones.0' }] },
      {
        method: 'POST', path: `/api/v1/customers/${customerId}/sites`,
        valid: { street: 'S', city: 'C' },
        bad: [{ name: 'latitude out of range', body: { latitude: 123, longitude: 2 }, field: 'latitude' }],
      },
      {
        method: 'POST', path: `/api/v1/customers/${customerId}/assets`,
        valid: { applianceType: 'oven' },
        bad: [
          { name: 'bad date', body: { purchaseDate: '2024-13-40' }, field: 'purchaseDate' },
          { name: 'warranty before purchase', body: { purchaseDate: '2024-05-01', warrantyEnds: '2023-01-01' }, field: 'warrantyEnds' },
        ],
      },
      {
        method: 'POST', path: '/api/v1/cases',
        valid: { tenantId, callerPhone: '+34600000009', intake },
        bad: [
          { name: 'bad caller phone', body: { callerPhone: '999' }, field: 'callerPhone' },
          { name: 'bad intake option', body: { intake: { ...intake, appliance: 'spaceship' } }, field: 'intake.appliance' },
          { name: 'bad customer phone', body: { customer: { name: 'X', phones: ['abc123'] } }, field: 'customer.phones.0' },
          { name: 'foreign customer id', body: { customerId: '00000000-0000-4000-8000-000000000000' }, field: 'customerId' },
          { name: 'bad channel', body: { channel: 'fax' }, field: 'channel' },
        ],
      },
      { method: 'PATCH', path: `/api/v1/cases/${caseId}`, valid: { description: 'd' }, bad: [{ name: 'bad priority', body: { priority: 'asap' }, field: 'priority' }] },
      { method: 'POST', path: `/api/v1/cases/${caseId}/transitions`, valid: { to: 'cancelled' }, bad: [{ name: 'unknown status', body: { to: 'exploded' }, field: 'to' }] },
      { method: 'POST', path: `/api/v1/cases/${caseId}/notes`, valid: { text: 'n' }, bad: [{ name: 'empty note', body: { text: '' }, field: 'text' }] },
      { method: 'POST', path: `/api/v1/cases/${caseId}/assignment`, valid: { userId: null }, bad: [{ name: 'not a uuid', body: { userId: 'bob' }, field: 'userId' }] },
      {
        method: 'POST', path: '/api/v1/users',
        valid: { email: 'u@x.local', name: 'U', password: 'long-enough-pw', role: 'operator', tenantIds: [tenantId] },
        bad: [
          { name: 'short password', body: { password: 'short' }, field: 'password' },
          { name: 'bad role', body: { role: 'king' }, field: 'role' },
          { name: 'unknown tenant', body: { tenantIds: ['00000000-0000-4000-8000-000000000000'] }, field: 'tenantIds.0' },
        ],
      },
      { method: 'POST', path: '/api/v1/tokens', valid: { name: 'bot', role: 'operator', tenantIds: [tenantId] }, bad: [{ name: 'no tenants', body: { tenantIds: [] }, field: 'tenantIds' }] },
      { method: 'POST', path: '/api/v1/auth/login', valid: { email: 'a@b.c', password: 'x' }, bad: [{ name: 'wrong type', body: { password: 12 }, field: 'password' }] },
    ];

    test('each field-specific mistake is named and writes nothing', async () => {
      for (const route of routes()) {
        for (const bad of route.bad) {
          const before = await snapshot();
          const res = await admin.request(route.method, route.path, { ...route.valid, ...(bad.body as object) });
          const label = `${route.method} ${route.path} ${bad.name}: ${JSON.stringify(res.body)}`;
          assert.ok(res.status >= 400 && res.status < 500, label);
          assert.ok(res.body.error.fields.some((f: { path: string }) => f.path === bad.field), label);
          assert.deepEqual(await snapshot(), before, label);
        }
      }
    });

    test('broken JSON, unknown fields, missing fields and oversized strings on every write route', async () => {
      for (const route of routes()) {
        const label = `${route.method} ${route.path}`;
        const before = await snapshot();

        const broken = await admin.request(route.method, route.path, '{"name": ');
        assert.equal(broken.status, 400, label);
        assert.equal(broken.body.error.code, 'invalid_json', label);

        const notJson = await admin.request(route.method, route.path, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
        assert.equal(notJson.status, 415, label);

        const unknown = await admin.request(route.method, route.path, { ...route.valid, sneaky: true });
        assert.equal(unknown.status, 400, label);
        assert.ok(unknown.body.error.fields.some((f: { path: string; message: string }) => f.path === 'sneaky' && f.message === 'unknown field'), label);

        const firstKey = Object.keys(route.valid)[0]!;
        if (route.method === 'POST') {
          const { [firstKey]: _dropped, ...missing } = route.valid;
          const res = await admin.request(route.method, route.path, missing);
          assert.ok(res.status === 400, `${label} missing ${firstKey}: ${JSON.stringify(res.body)}`);
          assert.ok(res.body.error.fields.some((f: { path: string }) => f.path === firstKey), `${label} missing ${firstKey}`);
        }

        const stringKey = Object.entries(route.valid).find(([, v]) => typeof v === 'string')?.[0];
        if (stringKey) {
          const res = await admin.request(route.method, route.path, { ...route.valid, [stringKey]: long });
          assert.ok(res.status >= 400 && res.status < 500, `${label} oversized ${stringKey}`);
          assert.ok(res.body.error.fields.some((f: { path: string }) => f.path === stringKey), `${label} oversized ${stringKey}: ${JSON.stringify(res.body)}`);
        }

        const array = await admin.request(route.method, route.path, [1, 2]);
        assert.equal(array.status, 400, label);
        assert.deepEqual(await snapshot(), before, label);
      }
    });

    test('a body past the size limit is refused before it is read', async () => {
      const before = await snapshot();
      const res = await admin.request('POST', '/api/v1/cases', JSON.stringify({ tenantId, intake, description: 'x'.repeat(1_100_000) }));
      assert.equal(res.status, 413);
      assert.deepEqual(await snapshot(), before);
    });

    test('malformed ids in paths answer 404, not 500', async () => {
      for (const path of ['/api/v1/cases/abc', '/api/v1/customers/abc', '/api/v1/tenants/abc', '/api/v1/tenants/abc/lines', '/api/v1/users/abc']) {
        assert.equal((await admin.get(path)).status, 404, path);
      }
      assert.equal((await admin.post(`/api/v1/tenants/${tenantId}/protocols/abc/publish`)).status, 404);
      assert.equal((await admin.get('/api/v1/nowhere')).status, 404);
    });
  });
}
