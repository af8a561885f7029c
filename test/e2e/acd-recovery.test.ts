import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/server/platform/db/database.ts';
import { openPgliteDatabase } from '../../src/server/platform/db/pglite-database.ts';
import { openPostgresDatabase } from '../../src/server/platform/db/postgres-database.ts';
import { startBaresipPhone, type BaresipPhone } from '../support/baresip.ts';
import { eventually, signInTo } from '../support/desk-api.ts';
import { runSippCall } from '../support/sipp.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/test-database.ts';

const password = 'demo-password-for-recovery';
const demoLine = '+34900100200';

/**
 * The real desk process is killed with SIGKILL while one caller talks to the operator, one waits
 * and one was promised a callback. After the restart no operator is left on a call, the waiting
 * and talking callers are closed as `server_restart`, and the callback is still there and served.
 */
for (const kind of testDatabaseKinds()) {
  describe(`queues rebuilt after the desk is killed mid-queue (${kind})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centralita-acd-recovery-'));
    let server: TestDatabase | undefined;
    let desk: SpawnedDesk | undefined;
    let phone: BaresipPhone | undefined;
    const abort = new AbortController();

    after(async () => {
      abort.abort();
      await phone?.stop();
      await desk?.stop();
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('no operator stuck, callers closed, the promised callback kept and served', async () => {
      let env: Record<string, string> = { DATA_DIR: dataDir, DEMO_PASSWORD: password, RTP_TIMEOUT_SECONDS: '600' };
      if (kind === 'postgres') {
        server = await openTestDatabase('postgres');
        const url = server.url!;
        await server.db.close();
        env = { ...env, DATABASE_URL: url };
      }
      desk = await spawnDesk(env, 180_000);
      const admin = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      const operator = await signInTo(desk.baseUrl, 'operator@demo.local', password);
      const queues = (await admin.get('/api/v1/queues')).body.items;
      const queue = queues.find((q: { name: string }) => q.name === 'default');
      assert.ok(queue, 'the demo tenant has a default queue');
      assert.equal((await admin.patch(`/api/v1/queues/${queue.id}`, { callbackAfterSeconds: 0 })).status, 200);

      phone = await startBaresipPhone({ registrar: `127.0.0.1:${desk.sipPort}`, user: '1001', password, toneHz: 700, seconds: 240 });
      const operatorRow = () => admin.get('/api/v1/supervisor/overview').then((r) => r.body.agents.find((a: { extension: string }) => a.extension === '1001'));
      await eventually(async () => ((await operatorRow())?.registered ? true : undefined), 20_000, 'extension 1001 registered');
      assert.equal((await operator.post('/api/v1/operators/me/state', { state: 'available' })).status, 204);
      const board = async () => (await admin.get('/api/v1/queue-board')).body.calls as { callerId: string; status: string }[];

      const call = (callerId: string, steps: Parameters<typeof runSippCall>[2]['steps'], awaitHangup = false) =>
        runSippCall(desk!.sipPort, demoLine, { callerId, steps, awaitHangup }, 200, abort.signal).catch(() => undefined);
      const talking = call('+34611000001', [{ pause: 1500 }, { digits: '0' }, { pause: 180_000 }]);
      await eventually(async () => ((await operatorRow())?.state === 'on_call' ? true : undefined), 30_000, 'the operator on the first call');
      const waiting = call('+34611000002', [{ pause: 1500 }, { digits: '0' }, { pause: 180_000 }]);
      await eventually(async () => ((await board()).some((c) => c.callerId === '+34611000002') ? true : undefined), 30_000, 'the second caller waiting');
      const promised = call('+34611000003', [{ pause: 1500 }, { digits: '0' }, { pause: 5_000 }, { digits: '1' }, { pause: 15_000 }], true);
      await eventually(
        async () => ((await board()).some((c) => c.callerId === '+34611000003' && c.status === 'callback_waiting') ? true : undefined),
        40_000, 'the third caller promised a callback',
      );

      await desk.stop('SIGKILL');
      abort.abort();
      await Promise.all([talking, waiting, promised]);
      desk = await spawnDesk(env, 180_000);
      const again = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      // The callback is served first thing: the operator's phone rings and answers, the customer is dialled.
      await eventually(async () => {
        const row = (await again.get('/api/v1/supervisor/overview')).body.agents.find((a: { extension: string }) => a.extension === '1001');
        const left = (await again.get('/api/v1/queue-board')).body.calls as unknown[];
        return row?.state === 'available' && left.length === 0 ? true : undefined;
      }, 60_000, 'the callback served and the operator free again');
      await desk.stop();
      desk = undefined;

      const db: Database = kind === 'postgres' ? await openPostgresDatabase(env.DATABASE_URL!) : await openPgliteDatabase(join(dataDir, 'pglite'));
      try {
        const stays = await db.query<{ caller_id: string; status: string; end_reason: string | null; agent_user_id: string | null; position_at: Date; enqueued_at: Date }>(
          'select caller_id, status, end_reason, agent_user_id, position_at, enqueued_at from queue_calls order by enqueued_at',
        );
        const of = (caller: string) => stays.find((s) => s.caller_id === caller)!;
        assert.deepEqual([of('+34611000001').status, of('+34611000001').end_reason], ['completed', 'server_restart']);
        assert.deepEqual([of('+34611000002').status, of('+34611000002').end_reason], ['abandoned', 'server_restart']);
        const callback = of('+34611000003');
        assert.ok(['connected', 'wrap_up', 'completed', 'callback_failed'].includes(callback.status), `the callback was served (${callback.status})`);
        assert.ok(callback.agent_user_id, 'an operator took the callback');
        const states = await db.query<{ state: string; reason: string }>(
          `select c.state, c.reason from agent_state_changes c join sip_accounts a on a.user_id = c.user_id where a.extension = '1001' order by c.at, c.id`,
        );
        const reset = states.find((s) => s.reason === 'server_restart');
        assert.ok(reset, 'the operator got a new state at start');
        assert.equal(reset.state, 'available', 'on a call when killed, registered at start: available');
        assert.equal(states.at(-1)!.state, 'available');
      } finally {
        await db.close();
      }
    });
  });
}
