import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

const classic = { callsPerInterval: '100', intervalSeconds: '1800', ahtSeconds: '180', targetServiceLevel: '0.8', targetSeconds: '20', shrinkage: '0.3' };
const url = (params: Record<string, string>) => `/api/v1/staffing/erlang-c?${new URLSearchParams(params)}`;

for (const kind of testDatabaseKinds()) {
  describe(`staffing (Erlang C) on ${kind}`, () => {
    let desk: TestDesk;
    let manager: ApiClient;
    let operator: ApiClient;
    let technician: ApiClient;

    before(async () => {
      desk = await createTestDesk(kind);
      const tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      await desk.createUser('manager@desk.local', 'manager', 'all');
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      await desk.createUser('tech@a.local', 'technician', [tenantId]);
      manager = await desk.signIn('manager@desk.local');
      operator = await desk.signIn('op@a.local');
      technician = await desk.signIn('tech@a.local');
    });
    after(() => desk.close());

    test('the classic 80/20 example: 14 on the phones, 20 scheduled', async () => {
      for (const client of [manager, operator]) {
        const res = await client.get(url(classic));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.agents, 14);
        assert.equal(res.body.scheduledAgents, 20);
        assert.equal(res.body.offeredLoad, 10);
        assert.equal(res.body.serviceLevel.toFixed(7), '0.8883500');
        assert.equal(res.body.probabilityOfWaiting.toFixed(7), '0.1741319');
        assert.equal(res.body.averageSpeedOfAnswer.toFixed(3), '7.836');
        assert.equal(res.body.occupancy.toFixed(4), '0.7143');
      }
    });

    test('shrinkage and maximum occupancy are optional', async () => {
      const { shrinkage: _, ...withoutShrinkage } = classic;
      const plain = await manager.get(url(withoutShrinkage));
      assert.equal(plain.status, 200);
      assert.deepEqual([plain.body.agents, plain.body.scheduledAgents], [14, 14]);
      const capped = await manager.get(url({ ...classic, maxOccupancy: '0.5' }));
      assert.deepEqual([capped.body.agents, capped.body.scheduledAgents, capped.body.occupancy], [20, 29, 0.5]);
    });

    const refused: [string, Record<string, string>, string][] = [
      ['zero calls', { callsPerInterval: '0' }, 'callsPerInterval'],
      ['negative calls', { callsPerInterval: '-5' }, 'callsPerInterval'],
      ['zero AHT', { ahtSeconds: '0' }, 'ahtSeconds'],
      ['negative AHT', { ahtSeconds: '-180' }, 'ahtSeconds'],
      ['zero interval', { intervalSeconds: '0' }, 'intervalSeconds'],
      ['service level 0', { targetServiceLevel: '0' }, 'targetServiceLevel'],
      ['service level 1 (unreachable)', { targetServiceLevel: '1' }, 'targetServiceLevel'],
      ['service level 1.5', { targetServiceLevel: '1.5' }, 'targetServiceLevel'],
      ['service level -0.2', { targetServiceLevel: '-0.2' }, 'targetServiceLevel'],
      ['negative target seconds', { targetSeconds: '-1' }, 'targetSeconds'],
      ['max occupancy 0', { maxOccupancy: '0' }, 'maxOccupancy'],
      ['max occupancy above 1', { maxOccupancy: '1.2' }, 'maxOccupancy'],
      ['shrinkage 1', { shrinkage: '1' }, 'shrinkage'],
      ['negative shrinkage', { shrinkage: '-0.1' }, 'shrinkage'],
      ['a word for calls', { callsPerInterval: 'lots' }, 'callsPerInterval'],
      ['an empty AHT', { ahtSeconds: '' }, 'ahtSeconds'],
      ['hexadecimal seconds', { targetSeconds: '0x14' }, 'targetSeconds'],
      ['infinite calls', { callsPerInterval: '1e999' }, 'callsPerInterval'],
      ['NaN shrinkage', { shrinkage: 'NaN' }, 'shrinkage'],
      ['an unknown parameter', { agents: '12' }, 'agents'],
      ['absurd traffic', { callsPerInterval: '1e9' }, 'callsPerInterval'],
      ['an occupancy cap needing an absurd roster', { maxOccupancy: '0.00001' }, 'maxOccupancy'],
    ];
    for (const [name, change, field] of refused) {
      test(`refused with 400 naming ${field}: ${name}`, async () => {
        const res = await manager.get(url({ ...classic, ...change }));
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.equal(res.body.error.code, 'validation_failed');
        assert.deepEqual(res.body.error.fields.map((f: { path: string }) => f.path), [field], JSON.stringify(res.body));
      });
    }

    test('a missing parameter is named as required', async () => {
      const { targetSeconds: _, ...rest } = classic;
      const res = await manager.get(url(rest));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error.fields, [{ path: 'targetSeconds', message: 'required' }]);
    });

    test('anonymous callers get 401, technicians 403', async () => {
      const anonymous = await desk.anonymous.get(url(classic));
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.code, 'unauthenticated');
      const tech = await technician.get(url(classic));
      assert.equal(tech.status, 403);
      assert.equal(tech.body.error.code, 'forbidden');
    });

    test('the route is in the OpenAPI document with its parameters', async () => {
      const doc = (await manager.get('/api/v1/openapi.json')).body;
      const operation = doc.paths['/api/v1/staffing/erlang-c'].get;
      const names = operation.parameters.map((p: { name: string; required: boolean }) => `${p.name}${p.required ? '' : '?'}`);
      assert.deepEqual(names.sort(), ['ahtSeconds', 'callsPerInterval', 'intervalSeconds', 'maxOccupancy?', 'shrinkage?', 'targetSeconds', 'targetServiceLevel'].sort());
    });
  });
}
