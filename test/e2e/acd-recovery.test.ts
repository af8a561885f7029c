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
 * The real desk process is killed with SIGKILL while a caller waits in the queue. After the restart
 * the caller's stay is closed as `server_restart` and nothing is left waiting. Operators left
 * ringing, on a call or in wrap-up, and promised callbacks, are covered by the acd-recovery
 * feature test, which restarts the queues on the same database.
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

    test('the waiting caller is closed as server_restart; nothing waits and the operator is free after the restart', async (t) => {
      // On failure the desk's own log says where the calls went.
      t.after(() => {
        if (desk) t.diagnostic(desk.stdout().split('\n').filter((l) => /acd|queue|transfer|warn|error/i.test(l)).slice(-40).join('\n'));
      });
      let env: Record<string, string> = { DATA_DIR: dataDir, DEMO_PASSWORD: password, RTP_TIMEOUT_SECONDS: '600' };
      if (kind === 'postgres') {
        server = await openTestDatabase('postgres');
        env = { ...env, DATABASE_URL: server.url! };
      }
      desk = await spawnDesk(env, 180_000);
      const admin = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      const operator = await signInTo(desk.baseUrl, 'operator@demo.local', password);
      const queues = (await admin.get('/api/v1/queues')).body.items;
      assert.ok(queues.some((q: { name: string }) => q.name === 'default'), 'the demo tenant has a default queue');

      // No phone is registered yet, so nobody is offered the call: the caller waits.
      assert.equal((await operator.post('/api/v1/operators/me/state', { state: 'available' })).status, 204);
      const board = async () => (await admin.get('/api/v1/queue-board')).body.calls as { callerId: string; status: string }[];
      const call = (callerId: string, steps: Parameters<typeof runSippCall>[2]['steps'], awaitHangup = false) =>
        runSippCall(desk!.sipPort, demoLine, { callerId, steps, awaitHangup }, 200, abort.signal).catch((error: unknown) => {
          // Killing the desk ends the calls with errors on purpose; anything earlier is worth seeing.
          if (!abort.signal.aborted) t.diagnostic(`SIPp ${callerId}: ${String(error)}`);
        });
      const waiting = call('+34611000002', [{ pause: 1500 }, { digits: '0' }, { pause: 180_000 }]);
      await eventually(async () => ((await board()).some((c) => c.callerId.endsWith('611000002')) ? true : undefined), 90_000, 'the caller waiting');
      await desk.stop('SIGKILL');
      abort.abort();
      await waiting;
      desk = await spawnDesk(env, 180_000);
      const again = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      phone = await startBaresipPhone({ registrar: `127.0.0.1:${desk.sipPort}`, user: '1001', password, toneHz: 700, seconds: 240 });
      // Nothing is left waiting, and the operator is free once the phone registers again.
      await eventually(async () => {
        const row = (await again.get('/api/v1/supervisor/overview')).body.agents.find((a: { extension: string }) => a.extension === '1001');
        const left = (await again.get('/api/v1/queue-board')).body.calls as unknown[];
        return row?.state === 'available' && row.registered && left.length === 0 ? true : undefined;
      }, 120_000, 'an empty queue and the operator available and registered');
      await desk.stop();
      desk = undefined;

      const db: Database = kind === 'postgres' ? await openPostgresDatabase(env.DATABASE_URL!) : await openPgliteDatabase(join(dataDir, 'pglite'));
      try {
        const stays = await db.query<{ caller_id: string; status: string; end_reason: string | null; agent_user_id: string | null; position_at: Date; enqueued_at: Date }>(
          'select caller_id, status, end_reason, agent_user_id, position_at, enqueued_at from queue_calls order by enqueued_at',
        );
        const of = (caller: string) => stays.find((s) => s.caller_id.endsWith(caller.slice(-9)))!;
        assert.deepEqual([of('+34611000002').status, of('+34611000002').end_reason], ['abandoned', 'server_restart']);
        const states = await db.query<{ state: string }>(
          `select c.state from agent_state_changes c join sip_accounts a on a.user_id = c.user_id where a.extension = '1001' order by c.at, c.id`,
        );
        assert.equal(states.at(-1)!.state, 'available', 'the operator is not left in a call that died with the process');
      } finally {
        await db.close();
      }
    });
  });
}
