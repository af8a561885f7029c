import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician } from '../../src/server/dispatch/score-candidates.ts';
import { loadDispatchRoster } from '../../src/server/technicians/load-dispatch-roster.ts';
import { ZDispatchPolicy } from '../../src/shared/dispatch-policy.ts';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

const sol = { lat: 40.4168, lon: -3.7038 };
const north = (km: number) => ({ lat: sol.lat + km / 111.195, lon: sol.lon });
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const officeHours = weekdays.map((day) => ({ day, open: '08:00', close: '18:00' }));
let phoneSeq = 100;
const nextPhone = () => `6${String(phoneSeq++).padStart(8, '0')}`;
const technician = (overrides: Record<string, unknown> = {}) => ({
  name: 'Técnico', phone: nextPhone(), home: sol, zone: { circle: { center: sol, radiusKm: 30 } }, skills: ['boiler'], hours: officeHours,
  ...overrides,
});
const paths = (body: { error: { fields: { path: string }[] } }) => body.error.fields.map((f) => f.path).sort();

for (const kind of testDatabaseKinds()) {
  describe(`technicians on ${kind}`, () => {
    let desk: TestDesk;
    let admin: ApiClient;
    let adminA: ApiClient;
    let operatorA: ApiClient;
    let managerA: ApiClient;
    let a: string;
    let b: string;
    const techUsers: Record<string, string> = {};
    const base = (tenant: string) => `/api/v1/tenants/${tenant}/technicians`;
    const csv = (client: ApiClient, tenant: string, text: string) => client.request('POST', `${base(tenant)}/import`, text, { 'content-type': 'text/csv' });

    before(async () => {
      desk = await createTestDesk(kind);
      a = (await desk.createTenant('Tenant A', 'TA')).id;
      b = (await desk.createTenant('Tenant B', 'TB')).id;
      await desk.createUser('admin@desk.local', 'admin', 'all');
      await desk.createUser('admin@a.local', 'admin', [a]);
      await desk.createUser('op@a.local', 'operator', [a]);
      await desk.createUser('mgr@a.local', 'manager', [a]);
      for (const name of ['tech1', 'tech2']) techUsers[name] = (await desk.createUser(`${name}@a.local`, 'technician', [a])).id;
      admin = await desk.signIn('admin@desk.local');
      adminA = await desk.signIn('admin@a.local');
      operatorA = await desk.signIn('op@a.local');
      managerA = await desk.signIn('mgr@a.local');
    });
    after(() => desk.close());

    test('create, read, list and update a technician', async () => {
      const created = await adminA.post(base(a), technician({ name: 'Ana Gil', phone: '611 22 33 44', skills: ['Boiler', 'boiler', 'oven'], brands: ['Junkers'] }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const t = created.body;
      assert.equal(t.phone, '+34611223344');
      assert.deepEqual(t.skills, ['boiler', 'oven']);
      assert.deepEqual(t.tenantIds, [a]);
      assert.equal(t.timeZone, 'Europe/Madrid', "the tenant's zone by default");
      assert.deepEqual([t.state, t.dailyCapacity, t.active, t.lastPosition], ['free', 8, true, null]);
      assert.equal((await managerA.get(`${base(a)}/${t.id}`)).body.name, 'Ana Gil');
      const listed = await operatorA.get(`${base(a)}?skill=oven`);
      assert.deepEqual(listed.body.items.map((x: { id: string }) => x.id), [t.id]);

      const patched = await adminA.patch(`${base(a)}/${t.id}`, { hours: [{ day: 'sat', open: '22:00', close: '06:00' }], dailyCapacity: 3 });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual(patched.body.hours, [{ day: 'sat', open: '22:00', close: '06:00' }], 'a night shift runs past midnight');
      assert.deepEqual([patched.body.skills, patched.body.brands, patched.body.dailyCapacity], [['boiler', 'oven'], ['Junkers'], 3], 'omitted fields are kept');
      assert.equal((await operatorA.patch(`${base(a)}/${t.id}`, { name: 'X' })).status, 403, 'only an admin edits the roster');
    });

    test('bad input is a 400 naming each field, and nothing is written', async () => {
      const before = await desk.count('technicians');
      const res = await adminA.post(base(a), technician({
        phone: '123', home: { lat: 95, lon: 0 }, hours: [{ day: 'mon', open: '25:00', close: '10:00' }],
        exceptions: [{ kind: 'off', from: '2026-12-10', to: '2026-12-01' }], onCall: [{ from: '2026-12-01T20:00', to: '2026-12-02T08:00:00Z' }], extra: 1,
      }));
      assert.equal(res.status, 400);
      assert.deepEqual(paths(res.body), ['exceptions.0.to', 'extra', 'home.lat', 'hours.0.open', 'onCall.0.from']);
      const phone = await adminA.post(base(a), technician({ phone: '123' }));
      assert.deepEqual([phone.status, paths(phone.body)], [400, ['phone']]);
      const taken = await adminA.post(base(a), technician({ phone: '+34 611 223 344' }));
      assert.deepEqual([taken.status, paths(taken.body)], [409, ['phone']]);
      const wrongUser = await adminA.post(base(a), technician({ userId: (await desk.createUser('o2@a.local', 'operator', [a])).id }));
      assert.deepEqual([wrongUser.status, paths(wrongUser.body)], [400, ['userId']]);
      assert.equal(await desk.count('technicians'), before);
    });

    test('one technician works for two tenants, and each tenant sees only itself', async () => {
      const shared = (await admin.post(base(a), technician({ name: 'Compartido', tenantIds: [b] }))).body;
      assert.deepEqual([...shared.tenantIds].sort(), [a, b].sort());
      assert.ok((await admin.get(base(b))).body.items.some((x: { id: string }) => x.id === shared.id));
      const seenByA = await adminA.get(`${base(a)}/${shared.id}`);
      assert.deepEqual(seenByA.body.tenantIds, [a], 'the other tenant is not revealed');
      await adminA.patch(`${base(a)}/${shared.id}`, { skills: ['dishwasher'], tenantIds: [a] });
      const seenByDesk = (await admin.get(`${base(b)}/${shared.id}`)).body;
      assert.deepEqual(seenByDesk.skills, ['dishwasher'], 'one record: a change shows in every tenant');
      assert.deepEqual([...seenByDesk.tenantIds].sort(), [a, b].sort(), 'an unseen tenant is kept by a patch');
      assert.equal((await adminA.patch(`${base(a)}/${shared.id}`, { tenantIds: [a, b] })).status, 404);

      const onlyB = (await admin.post(base(b), technician({ name: 'Solo B' }))).body;
      for (const res of [
        await adminA.get(base(b)),
        await adminA.get(`${base(a)}/${onlyB.id}`),
        await adminA.get(`${base(b)}/${onlyB.id}`),
        await adminA.patch(`${base(a)}/${onlyB.id}`, { name: 'X' }),
        await operatorA.request('PUT', `${base(a)}/${onlyB.id}/state`, { state: 'off' }),
        await adminA.get(`${base(a)}/not-a-uuid`),
      ]) assert.equal(res.status, 404);
      assert.equal((await admin.get(`${base(b)}/${onlyB.id}`)).body.name, 'Solo B');
    });

    test('a technician reads and updates only their own state and position', async () => {
      const own = (await adminA.post(base(a), technician({ name: 'Tech Uno', userId: techUsers.tech1 }))).body;
      const other = (await adminA.post(base(a), technician({ name: 'Tech Dos', userId: techUsers.tech2 }))).body;
      const tech1 = await desk.signIn('tech1@a.local');
      assert.equal((await tech1.get(`${base(a)}/${own.id}`)).status, 200);
      assert.equal((await tech1.get(base(a))).status, 403);
      assert.equal((await tech1.get(`${base(a)}/${other.id}`)).status, 404);
      assert.equal((await tech1.patch(`${base(a)}/${own.id}`, { dailyCapacity: 50 })).status, 403);
      const state = await tech1.request('PUT', `${base(a)}/${own.id}/state`, { state: 'on_job' });
      assert.deepEqual([state.status, state.body.state], [200, 'on_job']);
      assert.equal((await tech1.request('PUT', `${base(a)}/${other.id}/state`, { state: 'off' })).status, 404);
      assert.equal((await tech1.post(`${base(a)}/${other.id}/position`, { ...sol })).status, 404);
      const moved = await tech1.post(`${base(a)}/${own.id}/position`, { ...north(2) });
      assert.equal(moved.status, 200);
      assert.deepEqual(moved.body.lastPosition, { ...north(2), at: '2026-11-23T10:00:00.000Z' });
      const byOperator = await operatorA.request('PUT', `${base(a)}/${other.id}/state`, { state: 'off' });
      assert.equal(byOperator.body.state, 'off', 'whoever dispatches may set it too');
      assert.equal((await adminA.patch(`${base(a)}/${other.id}`, { userId: techUsers.tech1 })).status, 409, 'one record per account');
    });

    test('positions are validated and an older fix never replaces a newer one', async () => {
      const t = (await adminA.post(base(a), technician())).body;
      const report = (body: unknown) => adminA.post(`${base(a)}/${t.id}/position`, body);
      assert.deepEqual(paths((await report({ lat: 91, lon: -181 })).body), ['lat', 'lon']);
      assert.deepEqual(paths((await report({ lat: 40, lon: -3, at: '2026-11-23T10:05:00Z' })).body), ['at'], 'not in the future');
      assert.deepEqual(paths((await report({ lat: 40, lon: -3, at: '2026-11-23T09:00:00' })).body), ['at'], 'an instant needs its offset');
      assert.deepEqual(paths((await report({ lat: '40', lon: -3 })).body), ['lat']);
      assert.equal((await report({ lat: 40.5, lon: -3.6, at: '2026-11-23T10:50:00+01:00' })).status, 200);
      const stale = await report({ lat: 41, lon: -3, at: '2026-11-23T09:00:00Z' });
      assert.equal(stale.status, 200);
      assert.deepEqual(stale.body.lastPosition, { lat: 40.5, lon: -3.6, at: '2026-11-23T09:50:00.000Z' });
    });

    test('CSV import creates, then updates by phone within the tenant', async () => {
      const file = [
        'name,phone,email,skills,brands,certifications,home_lat,home_lon,zone_radius_km,hours,time_zone,daily_capacity',
        'Luis Pérez,600 111 222,luis@example.com,boiler;washing_machine,Junkers;Vaillant,RITE,40.42,-3.70,25,mon-fri 08:00-13:00 15:00-19:00; sat 09:00-13:00,,6',
        '"Marta ""La Rápida"" Ruiz",+34600111333,,oven,,,"40,45","-3,69",,,Atlantic/Canary,',
      ].join('\r\n');
      const res = await csv(adminA, a, file);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.created, res.body.updated, res.body.rows.map((r: { row: number }) => r.row)], [2, 0, [2, 3]]);
      const luis = (await adminA.get(`${base(a)}/${res.body.rows[0].technicianId}`)).body;
      assert.deepEqual([luis.phone, luis.skills, luis.brands, luis.timeZone, luis.dailyCapacity], ['+34600111222', ['boiler', 'washing_machine'], ['Junkers', 'Vaillant'], 'Europe/Madrid', 6]);
      assert.deepEqual(luis.zone, { circle: { center: { lat: 40.42, lon: -3.7 }, radiusKm: 25 } });
      assert.deepEqual(luis.hours.filter((h: { day: string }) => h.day === 'mon'), [{ day: 'mon', open: '08:00', close: '13:00' }, { day: 'mon', open: '15:00', close: '19:00' }]);
      assert.equal(luis.hours.length, 11);
      const marta = (await adminA.get(`${base(a)}/${res.body.rows[1].technicianId}`)).body;
      assert.deepEqual([marta.name, marta.home, marta.zone, marta.timeZone, marta.dailyCapacity], ['Marta "La Rápida" Ruiz', { lat: 40.45, lon: -3.69 }, {}, 'Atlantic/Canary', 8]);

      // A semicolon-separated file, as Spanish spreadsheets save it; columns it lacks are kept.
      const again = await csv(adminA, a, 'name;phone;home_lat;home_lon;daily_capacity\nLuis Pérez Gil;+34 600-111-222;40,43;-3,71;4\nNuevo;600111444;40,4;-3,7;\n');
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual([again.body.created, again.body.updated], [1, 1]);
      const updated = (await adminA.get(`${base(a)}/${luis.id}`)).body;
      assert.deepEqual([updated.name, updated.dailyCapacity, updated.skills, updated.hours.length], ['Luis Pérez Gil', 4, ['boiler', 'washing_machine'], 11]);
      assert.equal((await adminA.request('POST', `${base(a)}/import`, file, { 'content-type': 'text/plain' })).status, 415);
      assert.equal((await csv(operatorA, a, file)).status, 403);
      assert.equal((await csv(adminA, b, file)).status, 404);
    });

    test('a CSV with bad rows reports every error by row and column and writes nothing', async () => {
      const before = await desk.count('technicians');
      const file = [
        'name,phone,skills,home_lat,home_lon,hours,daily_capacity,zone_radius_km',
        'Bien,600222001,boiler,40.4,-3.7,mon-fri 08:00-18:00,5,10',
        ',12,Washing Machine,91,-3.7,,5,10',
        'Horas,600222003,oven,40.4,abc,lun-vie 8:00-18:00; sun 25:00-26:00,101,-1',
        'Repetido,600 222 001,oven,40.4,-3.7,funday 08:00-10:00,,',
        'Corta,600222005,oven',
      ].join('\n');
      const res = await csv(adminA, a, file);
      assert.equal(res.status, 400);
      assert.deepEqual(paths(res.body), [
        'rows.3.home_lat', 'rows.3.name', 'rows.3.phone', 'rows.3.skills',
        'rows.4.daily_capacity', 'rows.4.home_lon', 'rows.4.hours', 'rows.4.zone_radius_km',
        'rows.5.hours', 'rows.5.phone', 'rows.6',
      ]);
      const messages = Object.fromEntries(res.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
      assert.equal(messages['rows.5.phone'], 'the same phone as row 2');
      assert.match(messages['rows.4.hours'], /25:00-26:00/);
      assert.equal(messages['rows.6'], 'expected 8 values, found 3');
      const header = await csv(adminA, a, 'name,mobile,home_lat\nX,600222009,40\n');
      assert.deepEqual(paths(header.body), ['rows.1.home_lon', 'rows.1.mobile', 'rows.1.phone']);
      const otherTenant = (await admin.post(base(b), technician())).body;
      const conflict = await csv(adminA, a, `name,phone,home_lat,home_lon\nOk,600222010,40,-3\nAjeno,${otherTenant.phone},40,-3\n`);
      assert.deepEqual([conflict.status, paths(conflict.body)], [409, ['rows.3.phone']]);
      assert.equal(await desk.count('technicians'), before + 1, 'only the technician created for tenant B');
    });

    test('the dispatch roster feeds chooseTechnician, counting the jobs of the day', async () => {
      const t = await desk.createTenant('Tenant D', 'TD');
      const mk = async (name: string, overrides: Record<string, unknown>) => (await admin.post(base(t.id), technician({ name, ...overrides }))).body.id as string;
      const userId = (await desk.createUser('near@d.local', 'technician', [t.id])).id;
      const near = await mk('Cerca', { home: north(2), brands: ['Junkers'], userId, dailyCapacity: 1 });
      const far = await mk('Lejos', { home: north(12) });
      await mk('Horno', { home: north(1), skills: ['oven'] });
      await mk('Fuera', { home: north(1), state: 'off' });
      await mk('Baja', { home: north(1), active: false });
      await mk('Vacaciones', { home: north(1), exceptions: [{ kind: 'off', from: '2026-11-20', to: '2026-11-27' }] });
      await admin.post(base(b), technician({ name: 'Otro tenant', home: sol }));

      const roster = await loadDispatchRoster(desk.services, t.id);
      assert.equal(roster.length, 5, 'active technicians of this tenant only');
      const policy = ZDispatchPolicy.parse({});
      const job = { tenantId: t.id, applianceType: 'boiler', brand: 'Junkers', urgent: false, location: sol, insideBusinessHours: true };
      const decision = chooseTechnician({ job, technicians: roster, policy, at: desk.clock.now() });
      assert.equal(decision.chosen, near, decision.summary);
      assert.deepEqual(decision.excludedCounts, { state: 1, skill: 1, off_duty: 1, zone: 0, distance: 0, capacity: 0 });

      const customer = (await admin.post('/api/v1/customers', { tenantId: t.id, name: 'C', phones: ['+34600999000'] })).body;
      const opened = (await admin.post('/api/v1/cases', { tenantId: t.id, customerId: customer.id, intake: { appliance: 'boiler', underWarranty: false, urgency: 'normal' } })).body.case;
      assert.equal((await admin.post(`/api/v1/cases/${opened.id}/assignment`, { userId })).status, 200);
      const busy = await loadDispatchRoster(desk.services, t.id);
      assert.equal(busy.find((x) => x.id === near)!.jobsToday, 1);
      const next = chooseTechnician({ job, technicians: busy, policy, at: desk.clock.now() });
      assert.equal(next.chosen, far, 'the nearest is at capacity');
      assert.equal(next.excludedCounts.capacity, 1);
    });

    test('the routes are in the OpenAPI document', async () => {
      const doc = (await desk.anonymous.get('/api/v1/openapi.json')).body;
      for (const path of ['', '/{technicianId}', '/{technicianId}/state', '/{technicianId}/position', '/import']) {
        assert.ok(doc.paths[`/api/v1/tenants/{id}/technicians${path}`], path);
      }
    });
  });
}
