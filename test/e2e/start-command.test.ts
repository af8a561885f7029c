import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';

async function signIn(desk: SpawnedDesk, email: string, password: string) {
  const res = await fetch(`${desk.baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `${email} could not sign in`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

async function getJson(desk: SpawnedDesk, path: string, headers: Record<string, string>) {
  const res = await fetch(`${desk.baseUrl}${path}`, { headers });
  assert.equal(res.status, 200, path);
  return res.json() as Promise<any>;
}

describe('the start command on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-start-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a first start seeds the demo desk; a restart finds the same data', async () => {
    const started = Date.now();
    const first = await spawnDesk({ DATA_DIR: dataDir });
    try {
      assert.ok(Date.now() - started < 30_000);
      assert.equal((await fetch(`${first.baseUrl}/healthz`)).status, 200);
      const password = /with the password: (\S+)/.exec(first.stderr())?.[1];
      assert.ok(password, `the generated password is printed once: ${first.stderr()}`);
      assert.ok(!first.stdout().includes(password!), 'the structured log never carries the password');
      const admin = await signIn(first, 'admin@demo.local', password!);
      for (const email of ['operator@demo.local', 'tech1@demo.local', 'tech5@demo.local']) await signIn(first, email, password!);
      const tenants = await getJson(first, '/api/v1/tenants', admin);
      assert.deepEqual(tenants.items.map((t: { name: string }) => t.name), ['Reparaciones Martínez']);
      assert.equal(tenants.items[0].language, 'es');
      const lines = await getJson(first, `/api/v1/tenants/${tenants.items[0].id}/lines`, admin);
      assert.deepEqual(lines.items.map((l: { number: string }) => l.number), ['+34900100200']);
      const protocol = await getJson(first, `/api/v1/tenants/${tenants.items[0].id}/protocols/current`, admin);
      assert.deepEqual(protocol.intakeSchema.fields.slice(0, 3).map((f: { key: string }) => f.key), ['appliance', 'underWarranty', 'urgency']);
      const appliance = protocol.intakeSchema.fields[0];
      assert.deepEqual(
        appliance.options.map((o: { digit: string; value: string }) => `${o.digit}=${o.value}`),
        ['1=washing_machine', '2=dishwasher', '3=refrigerator', '4=oven', '5=boiler', '9=other'],
      );
      const technicians = await getJson(first, `/api/v1/tenants/${tenants.items[0].id}/technicians`, admin);
      assert.equal(technicians.items.length, 5);
      assert.ok(technicians.items.every((t: { skills: string[]; home: unknown; hours: unknown[] }) => t.skills.length > 0 && t.home && t.hours.length > 0));
      const calls = await getJson(first, '/api/v1/calls', admin);
      assert.ok(calls.items.length >= 5);
      const cases = await getJson(first, '/api/v1/cases', admin);
      assert.ok(cases.items.length >= 5);
      const references = cases.items.map((c: { reference: string }) => c.reference).sort();
      await first.stop();

      const second = await spawnDesk({ DATA_DIR: dataDir });
      try {
        assert.ok(!/with the password/.test(second.stderr()), 'the password is printed at first start only');
        const again = await signIn(second, 'admin@demo.local', password!);
        const after = await getJson(second, '/api/v1/cases', again);
        assert.deepEqual(after.items.map((c: { reference: string }) => c.reference).sort(), references);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  });

  test('DEMO=0 starts an empty desk; DEMO_PASSWORD is used when set', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'centralita-empty-'));
    const empty = await spawnDesk({ DATA_DIR: emptyDir, DEMO: '0' });
    try {
      const res = await fetch(`${empty.baseUrl}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.local', password: 'x' }),
      });
      assert.equal(res.status, 401);
    } finally {
      await empty.stop();
      rmSync(emptyDir, { recursive: true, force: true });
    }
    const chosenDir = mkdtempSync(join(tmpdir(), 'centralita-chosen-'));
    const chosen = await spawnDesk({ DATA_DIR: chosenDir, DEMO_PASSWORD: 'chosen-demo-password' });
    try {
      await signIn(chosen, 'operator@demo.local', 'chosen-demo-password');
      assert.ok(!chosen.stderr().includes('chosen-demo-password'));
    } finally {
      await chosen.stop();
      rmSync(chosenDir, { recursive: true, force: true });
    }
  });

  test('invalid configuration is reported variable by variable', async () => {
    await assert.rejects(spawnDesk({ PORT: 'eighty', RTP_PORTS: '5-3', DATABASE_URL: 'mysql://x' }), (error: Error) => {
      assert.match(error.message, /PORT/);
      assert.match(error.message, /RTP_PORTS/);
      assert.match(error.message, /DATABASE_URL/);
      return true;
    });
  });
});
