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
import { reserveSippPort, runSippCall } from '../support/sipp.ts';
import { startSippCallee, type SippCallee } from '../support/sipp-callee.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/test-database.ts';

const password = 'demo-password-for-recovery';
const demoLine = '+34900100200';

/**
 * The real desk process is killed with SIGKILL while one caller waits in the queue and another has
 * pressed 1 to be called back. After the restart the waiting caller's stay is closed as
 * `server_restart`; the promised callback is still there, in its place, and when the operator's
 * phone registers the operator is rung and the customer is dialled through the trunk (a SIPp
 * answerer standing for the provider). Operators left ringing, on a call or in wrap-up are covered
 * by the acd-recovery feature test, which restarts the queues on the same database.
 */
for (const kind of testDatabaseKinds()) {
  describe(`queues rebuilt after the desk is killed mid-queue (${kind})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centralita-acd-recovery-'));
    let server: TestDatabase | undefined;
    let desk: SpawnedDesk | undefined;
    let phone: BaresipPhone | undefined;
    let callee: SippCallee | undefined;
    const abort = new AbortController();

    after(async () => {
      abort.abort();
      callee?.stop();
      await phone?.stop();
      await desk?.stop();
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('the waiting caller is closed as server_restart; the promised callback keeps its place and is served after the restart', async (t) => {
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
      const queues = (await admin.get('/api/v1/queues')).body.items as { id: string; name: string }[];
      const queue = queues.find((q) => q.name === 'default');
      assert.ok(queue, 'the demo tenant has a default queue');
      // Callers are offered a callback after 4 s in the queue.
      assert.equal((await admin.patch(`/api/v1/queues/${queue.id}`, { callbackAfterSeconds: 4 })).status, 200);

      // No phone is registered yet, so nobody is offered the calls: both callers wait.
      assert.equal((await operator.post('/api/v1/operators/me/state', { state: 'available' })).status, 204);
      const board = async () => (await admin.get('/api/v1/queue-board')).body.calls as { callerId: string; status: string }[];
      const call = (callerId: string, steps: Parameters<typeof runSippCall>[2]['steps'], awaitHangup = false) =>
        runSippCall(desk!.sipPort, demoLine, { callerId, steps, awaitHangup }, 200, abort.signal).catch((error: unknown) => {
          // Killing the desk ends the calls with errors on purpose; anything earlier is worth seeing.
          if (!abort.signal.aborted) t.diagnostic(`SIPp ${callerId}: ${String(error)}`);
        });
      const waiting = call('+34611000002', [{ pause: 1500 }, { digits: '0' }, { pause: 180_000 }]);
      // The second caller presses 1 once the callback is offered; the desk confirms and hangs up.
      const callback = call('+34611000003', [{ pause: 1500 }, { digits: '0' }, { pause: 12_000 }, { digits: '1' }], true);
      const statusOf = (calls: { callerId: string; status: string }[], caller: string) => calls.find((c) => c.callerId.endsWith(caller.slice(-9)))?.status;
      let seen: unknown = [];
      await eventually(async () => {
        const calls = await board();
        seen = calls.map((c) => [c.callerId, c.status]);
        return statusOf(calls, '+34611000002') === 'waiting' && statusOf(calls, '+34611000003') === 'callback_waiting' ? true : undefined;
      }, 90_000, 'one caller waiting and one callback promised').catch((error: unknown) => {
        throw new Error(`${String(error)}; the board showed ${JSON.stringify(seen)}`);
      });
      const callbackResult = await callback;
      assert.equal(callbackResult?.code, 0, `the callback caller heard the confirmation and the desk hung up: ${callbackResult?.errors}`);
      await desk.stop('SIGKILL');
      abort.abort();
      await waiting;

      desk = await spawnDesk(env, 180_000);
      const again = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      const operatorAgain = await signInTo(desk.baseUrl, 'operator@demo.local', password);
      // The promise survived the crash; the caller who only waited did not stay in the queue.
      const afterRestart = (await again.get('/api/v1/queue-board')).body.calls as { callerId: string; status: string }[];
      assert.equal(statusOf(afterRestart, '+34611000003'), 'callback_waiting', JSON.stringify(afterRestart));
      assert.equal(statusOf(afterRestart, '+34611000002'), undefined, 'the caller who only waited is not left in the queue');

      // Callbacks leave through the provider's trunk; here a SIPp answerer is the customer's network.
      const carrierPort = await reserveSippPort();
      const trunk = await again.post('/api/v1/trunks', {
        name: 'Carrier', allowedSources: ['192.0.2.10'], registerUri: `sip:127.0.0.1:${carrierPort}`, registerUsername: 'centralita', registerPassword: 'carrier-secret',
      });
      assert.equal(trunk.status, 201, JSON.stringify(trunk.body));
      callee = startSippCallee(carrierPort, 150);
      phone = await startBaresipPhone({ registrar: `127.0.0.1:${desk.sipPort}`, user: '1001', password, toneHz: 700, seconds: 240 });

      // The phone registers, the operator is rung and answers (auto-answer), the customer is dialled and answers.
      const connected = await eventually(async () => {
        const me = (await operatorAgain.get('/api/v1/operators/me')).body;
        return me.call?.status === 'connected' ? me.call as { queueCallId: string; callerId: string; wrapUpCodes: string[] } : undefined;
      }, 120_000, 'the operator talking to the customer called back');
      assert.match(connected.callerId, /611000003$/);
      assert.equal((await operatorAgain.post(`/api/v1/queue-calls/${connected.queueCallId}/hangup`, {})).status, 204);
      const carrier = await callee.done;
      assert.equal(carrier.code, 0, `the customer's side: ${carrier.errors}\n${carrier.messages.slice(-2000)}`);
      assert.match(carrier.messages, /INVITE sip:\+34611000003@127\.0\.0\.1:\d+ SIP\/2\.0/, 'the customer was dialled at the number they called from');
      const wrapping = await eventually(async () => {
        const me = (await operatorAgain.get('/api/v1/operators/me')).body;
        return me.call?.status === 'wrap_up' ? me.call as { wrapUpCodes: string[] } : undefined;
      }, 20_000, 'the operator in wrap-up');
      assert.equal((await operatorAgain.post(`/api/v1/queue-calls/${connected.queueCallId}/wrap-up`, { code: wrapping.wrapUpCodes[0] })).status, 200);
      // Nothing is left waiting, and the operator is free.
      await eventually(async () => {
        const row = (await again.get('/api/v1/supervisor/overview')).body.agents.find((a: { extension: string }) => a.extension === '1001');
        const left = (await again.get('/api/v1/queue-board')).body.calls as unknown[];
        return row?.state === 'available' && row.registered && left.length === 0 ? true : undefined;
      }, 30_000, 'an empty queue and the operator available and registered');
      await desk.stop();
      desk = undefined;

      const db: Database = kind === 'postgres' ? await openPostgresDatabase(env.DATABASE_URL!) : await openPgliteDatabase(join(dataDir, 'pglite'));
      try {
        const stays = await db.query<{ caller_id: string; status: string; end_reason: string | null; agent_user_id: string | null; position_at: Date; enqueued_at: Date }>(
          'select caller_id, status, end_reason, agent_user_id, position_at, enqueued_at from queue_calls order by enqueued_at',
        );
        const of = (caller: string) => stays.find((s) => s.caller_id.endsWith(caller.slice(-9)))!;
        assert.deepEqual([of('+34611000002').status, of('+34611000002').end_reason], ['abandoned', 'server_restart']);
        const served = of('+34611000003');
        assert.equal(served.status, 'completed', 'the callback was served');
        assert.ok(served.agent_user_id, 'an operator took the callback');
        assert.equal(served.position_at.getTime(), served.enqueued_at.getTime(), 'the callback kept the place the caller had when they joined');
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
