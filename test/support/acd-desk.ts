import { startCallRecord } from '../../src/server/calls/record-call.ts';
import { saveSipAccount } from '../../src/server/registrar/manage-sip-accounts.ts';
import type { TEnqueueRequest } from '../../src/server/acd/acd-telephony.ts';
import type { createManualClock } from '../../src/server/platform/clock.ts';
import { createFakeAcdTelephony, createManualTimers } from './fake-acd-telephony.ts';
import { createTestDesk, testPassword, type ApiClient } from './test-desk.ts';
import type { DatabaseKind } from './test-database.ts';

/**
 * A test desk whose queues talk to a fake phone line and whose timers follow the manual clock:
 * one tenant, a `default` queue, and operators with SIP extensions, signed in through the API.
 */
export async function createAcdDesk(kind: DatabaseKind, queue: Record<string, unknown> = {}) {
  let manual: ReturnType<typeof createManualTimers> | undefined;
  const desk = await createTestDesk(kind, {
    acdTimers: (clock: ReturnType<typeof createManualClock>) => {
      manual = createManualTimers(clock);
      return manual.timers;
    },
  });
  const timers = manual!;
  const line = createFakeAcdTelephony();
  const { services } = desk;
  const tenant = await desk.createTenant('Reparaciones Norte', 'NORTE');
  await desk.addLine(tenant.id, '+34900111222');
  await desk.createUser('admin@test.local', 'admin', 'all');
  const admin = await desk.signIn('admin@test.local');
  const created = await admin.post('/api/v1/queues', { tenantId: tenant.id, name: 'default', ...queue });
  if (created.status !== 201) throw new Error(`queue not created: ${JSON.stringify(created.body)}`);
  await services.acd.start(line.telephony);
  const settle = () => services.acd.settle();

  const operators = new Map<string, { userId: string; extension: string; api: ApiClient }>();
  let callSeq = 0;

  return {
    desk, services, line, timers, tenant, admin, queueId: created.body.id as string, settle,
    /** An operator with a registered phone at `extension`, signed in; not yet available. */
    async addOperator(name: string, extension: string, options: { tenantIds?: string[]; register?: boolean } = {}) {
      const user = await desk.createUser(`${name}@test.local`, 'operator', options.tenantIds ?? [tenant.id]);
      await saveSipAccount(services, { userId: user.id, extension, password: testPassword });
      if (options.register !== false) line.registered.add(extension);
      const api = await desk.signIn(`${name}@test.local`, testPassword);
      await services.acd.refreshAgent(user.id);
      const operator = { userId: user.id, extension, api };
      operators.set(name, operator);
      return operator;
    },
    async setAvailable(name: string) {
      const res = await operators.get(name)!.api.post('/api/v1/operators/me/state', { state: 'available' });
      if (res.status !== 204) throw new Error(`${name} could not become available: ${JSON.stringify(res.body)}`);
      await settle();
    },
    /** A caller handed over by the IVR; answers the caller's leg. */
    async enqueue(callerId: string, context: Partial<TEnqueueRequest['context']> = {}, queueName = 'default') {
      // The caller's leg is the call record's id, as the line names it.
      const leg = await startCallRecord(services, {
        tenantId: tenant.id, lineId: null, trunkId: null, sipCallId: `test-${++callSeq}@centralita`, direction: 'inbound',
        callerId, callerName: '', dialled: '+34900111222', language: 'es',
      });
      const accepted = await services.acd.entry.enqueue({
        tenantId: tenant.id, queueName, leg, callerId, language: 'es',
        context: { intake: {}, path: ['menu', '0'], ...context },
      });
      if (!accepted) throw new Error('the queue refused the caller');
      await settle();
      return leg;
    },
    advance: (ms: number) => timers.advance(ms, settle),
    stayOf: async (leg: string) =>
      (await services.db.query<Record<string, any>>('select * from queue_calls where call_id = $1 order by enqueued_at desc, (transferred_from is not null) desc limit 1', [leg]))[0]!,
    stays: () => services.db.query<Record<string, any>>('select * from queue_calls order by enqueued_at, id'),
    statesOf: async (userId: string) =>
      (await services.db.query<{ state: string; reason: string }>('select state, reason from agent_state_changes where user_id = $1 order by at, id', [userId])).map((r) => r.state),
    agent: (userId: string) => services.acd.state.agents.get(userId)!,
    close: async () => {
      services.acd.stop();
      await desk.close();
    },
  };
}

export type AcdDesk = Awaited<ReturnType<typeof createAcdDesk>>;
