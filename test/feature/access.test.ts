import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { createApiToken } from '../../src/server/auth/manage-users.ts';

const intake = { appliance: 'oven', underWarranty: false, urgency: 'normal' };

for (const kind of testDatabaseKinds()) {
  describe(`access and tenant isolation on ${kind}`, () => {
    let desk: TestDesk;
    let opA: ApiClient;
    let opB: ApiClient;
    let tenantA: string;
    let tenantB: string;
    let caseA: { id: string; reference: string };
    let customerA: string;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantA = (await desk.createTenant('Tenant A', 'TA')).id;
      tenantB = (await desk.createTenant('Tenant B', 'TB')).id;
      await desk.createUser('op@a.local', 'operator', [tenantA]);
      await desk.createUser('op@b.local', 'operator', [tenantB]);
      opA = await desk.signIn('op@a.local');
      opB = await desk.signIn('op@b.local');
      const created = await opA.post('/api/v1/cases', { tenantId: tenantA, intake, customer: { name: 'Client A', phones: ['+34600111222'] } });
      caseA = created.body.case;
      customerA = created.body.case.customer.id;
    });
    after(() => desk.close());

    test("another tenant's records answer 404, never 403", async () => {
      for (const path of [
        `/api/v1/cases/${caseA.id}`,
        `/api/v1/cases/${caseA.reference}`,
        `/api/v1/cases/${caseA.id}/timeline`,
        `/api/v1/customers/${customerA}`,
        `/api/v1/tenants/${tenantA}`,
        `/api/v1/tenants/${tenantA}/lines`,
        `/api/v1/tenants/${tenantA}/protocols/current`,
      ]) {
        const res = await opB.get(path);
        assert.equal(res.status, 404, path);
        assert.equal(res.body.error.code, 'not_found');
      }
      for (const [path, body] of [
        [`/api/v1/cases/${caseA.id}/transitions`, { to: 'cancelled' }],
        [`/api/v1/cases/${caseA.id}/notes`, { text: 'hello' }],
        [`/api/v1/customers/${customerA}/sites`, { street: 'x', city: 'y' }],
      ] as const) {
        assert.equal((await opB.post(path, body)).status, 404, path);
      }
      assert.equal((await opB.patch(`/api/v1/cases/${caseA.id}`, { description: 'x' })).status, 404);
      const create = await opB.post('/api/v1/cases', { tenantId: tenantA, intake });
      assert.equal(create.status, 404);
    });

    test('listings only show the tenants one serves', async () => {
      const list = await opB.get('/api/v1/cases');
      assert.equal(list.body.items.length, 0);
      assert.equal((await opB.get(`/api/v1/cases?tenant=${tenantA}`)).status, 404);
      assert.equal((await opB.get('/api/v1/customers?q=Client')).body.items.length, 0);
      assert.deepEqual((await opB.get('/api/v1/tenants')).body.items.map((t: { id: string }) => t.id), [tenantB]);
      assert.equal((await opA.get('/api/v1/cases')).body.items.length, 1);
    });

    test('technicians see only their own jobs and move them only forward', async () => {
      const tech = await desk.createUser('tech@a.local', 'technician', [tenantA]);
      await desk.createUser('tech2@a.local', 'technician', [tenantA]);
      const t1 = await desk.signIn('tech@a.local');
      const t2 = await desk.signIn('tech2@a.local');
      assert.equal((await t1.get(`/api/v1/cases/${caseA.id}`)).status, 404);
      assert.equal((await opA.post(`/api/v1/cases/${caseA.id}/assignment`, { userId: tech.id })).status, 200);
      assert.equal((await opA.post(`/api/v1/cases/${caseA.id}/transitions`, { to: 'dispatched' })).status, 200);
      assert.equal((await t1.get(`/api/v1/cases/${caseA.id}`)).status, 200);
      assert.deepEqual((await t1.get('/api/v1/cases')).body.items.map((c: { id: string }) => c.id), [caseA.id]);
      assert.equal((await t2.get(`/api/v1/cases/${caseA.id}`)).status, 404);
      assert.equal((await t2.get('/api/v1/cases')).body.items.length, 0);
      assert.equal((await t1.post(`/api/v1/cases/${caseA.id}/transitions`, { to: 'accepted' })).status, 200);
      assert.equal((await t1.post(`/api/v1/cases/${caseA.id}/transitions`, { to: 'cancelled' })).status, 403);
      assert.equal((await t1.post('/api/v1/cases', { tenantId: tenantA, intake })).status, 403);
      assert.equal((await t1.get('/api/v1/customers')).status, 403);
      const timeline = (await opA.get(`/api/v1/cases/${caseA.id}/timeline`)).body.items;
      assert.equal(timeline.at(-1).actorType, 'technician');
      assert.equal((await opA.post(`/api/v1/cases/${caseA.id}/assignment`, { userId: (await desk.createUser('op2@a.local', 'operator', [tenantA])).id })).status, 400);
    });

    test('every API route but sign-in refuses anonymous callers', async () => {
      const docs = (await desk.anonymous.get('/api/v1/openapi.json')).body;
      let checked = 0;
      for (const [path, methods] of Object.entries<Record<string, { security: unknown[] }>>(docs.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (op.security.length === 0) continue;
          const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
          const res = await desk.anonymous.request(method.toUpperCase(), concrete, method === 'get' || method === 'delete' ? undefined : {});
          assert.equal(res.status, 401, `${method} ${path}`);
          checked += 1;
        }
      }
      assert.ok(checked >= 20, `only ${checked} routes checked`);
    });

    test('a cookie session must echo its CSRF token on writes', async () => {
      const res = await desk.signIn('op@a.local');
      const noCsrf = await res.request('POST', '/api/v1/cases', { tenantId: tenantA, intake }, { 'x-csrf-token': 'wrong' });
      assert.equal(noCsrf.status, 403);
      assert.equal(await desk.count('cases'), 1);
    });

    test('wrong passwords and unknown accounts get the same 401', async () => {
      const wrong = await desk.anonymous.post('/api/v1/auth/login', { email: 'op@a.local', password: 'nope-nope' });
      const unknown = await desk.anonymous.post('/api/v1/auth/login', { email: 'ghost@a.local', password: 'nope-nope' });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.equal(wrong.body.error.message, unknown.body.error.message);
    });

    test('passwords are stored hashed with scrypt', async () => {
      const [row] = await desk.services.db.query<{ h: string }>(`select password_hash as h from users where email = 'op@a.local'`);
      assert.match(row!.h, /^scrypt\$32768\$8\$1\$/);
      assert.ok(!row!.h.includes('test-password'));
    });

    test('logout ends the session', async () => {
      const client = await desk.signIn('op@a.local');
      assert.equal((await client.get('/api/v1/auth/me')).status, 200);
      assert.equal((await client.post('/api/v1/auth/logout')).status, 204);
      assert.equal((await client.get('/api/v1/auth/me')).status, 401);
    });

    test('API tokens authenticate with their own role and tenants', async () => {
      const { token } = await createApiToken(desk.services, 'system', { name: 'b-bot', role: 'operator', tenantIds: [tenantB] });
      const bearer = { authorization: `Bearer ${token}` };
      assert.equal((await desk.anonymous.request('GET', `/api/v1/cases/${caseA.id}`, undefined, bearer)).status, 404);
      const created = await desk.anonymous.request('POST', '/api/v1/cases', { tenantId: tenantB, intake }, bearer);
      assert.equal(created.status, 201);
      const timeline = await opB.get(`/api/v1/cases/${created.body.case.id}/timeline`);
      assert.deepEqual([timeline.body.items[0].actorType, timeline.body.items[0].actorName], ['token', 'b-bot']);
      assert.equal((await desk.anonymous.request('GET', '/api/v1/cases', undefined, { authorization: 'Bearer ctk_forged' })).status, 401);
      const [row] = await desk.services.db.query<{ h: string }>(`select token_hash as h from api_tokens`);
      assert.ok(!row!.h.includes(token.slice(4)));
    });

    test('only admins manage users, within their tenants', async () => {
      assert.equal((await opA.get('/api/v1/users')).status, 403);
      await desk.createUser('admin@a.local', 'admin', [tenantA]);
      const adminA = await desk.signIn('admin@a.local');
      const users = (await adminA.get('/api/v1/users')).body.items.map((u: { email: string }) => u.email);
      assert.ok(users.includes('op@a.local') && !users.includes('op@b.local'));
      const crossGrant = await adminA.post('/api/v1/users', { email: 'x@b.local', name: 'X', password: 'long-enough-pw', role: 'operator', tenantIds: [tenantB] });
      assert.equal(crossGrant.status, 404);
      const deskWide = await adminA.post('/api/v1/users', { email: 'y@a.local', name: 'Y', password: 'long-enough-pw', role: 'admin', allTenants: true });
      assert.equal(deskWide.status, 403);
      const ok = await adminA.post('/api/v1/users', { email: 'z@a.local', name: 'Z', password: 'long-enough-pw', role: 'operator', tenantIds: [tenantA] });
      assert.equal(ok.status, 201);
      assert.ok(!JSON.stringify(ok.body).includes('long-enough-pw'));
    });
  });
}
