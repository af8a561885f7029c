import type { Queryable } from '../../../src/server/platform/db/database.ts';
import type { Traffic } from './traffic-rows.ts';

/** Rows per statement: each column travels as one array parameter, so a batch is one round trip. */
const batchSize = 5000;

async function insertColumns<T>(db: Queryable, rows: readonly T[], sql: string, columns: readonly ((row: T) => unknown)[]) {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await db.query(sql, columns.map((pick) => batch.map(pick)));
  }
}

/** Writes generated traffic in dependency order (cases before the calls and stays that point at them). */
export async function writeTraffic(db: Queryable, t: Traffic): Promise<void> {
  await insertColumns(db, t.cases,
    `insert into cases (id, tenant_id, reference, protocol_id, caller_phone, intake, priority, status, channel, created_at, updated_at)
     select id, tenant, ref, protocol, phone, '{}'::jsonb, 'normal', status, 'phone', at, at
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[]) as r(id, tenant, ref, protocol, phone, status, at)`,
    [(r) => r.id, (r) => r.tenantId, (r) => r.reference, (r) => r.protocolId, (r) => r.callerPhone, (r) => r.status, (r) => r.createdAt]);
  await insertColumns(db, t.caseEvents,
    `insert into case_events (case_id, tenant_id, at, actor_type, kind, before, after)
     select c, tenant, at, 'system', kind, before::jsonb, after::jsonb
     from unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) as r(c, tenant, at, kind, before, after)`,
    [(r) => r.caseId, (r) => r.tenantId, (r) => r.at, (r) => r.kind, (r) => r.before, (r) => r.after]);
  await insertColumns(db, t.calls,
    `insert into calls (id, tenant_id, sip_call_id, direction, caller_id, dialled, language, started_at, answered_at, ended_at, end_reason, outcome, case_id)
     select id, tenant, id::text, 'inbound', caller, '+34900100200', 'es', started, answered, ended, reason, outcome, c
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::uuid[])
       as r(id, tenant, caller, started, answered, ended, reason, outcome, c)`,
    [(r) => r.id, (r) => r.tenantId, (r) => r.callerId, (r) => r.startedAt, (r) => r.answeredAt, (r) => r.endedAt, (r) => r.endReason, (r) => r.outcome, (r) => r.caseId]);
  await insertColumns(db, t.queueCalls,
    `insert into queue_calls (id, tenant_id, queue_id, call_id, caller_id, enqueued_at, position_at, status, agent_user_id, answered_at,
       callback_requested_at, ended_at, wait_seconds, talk_seconds, hold_seconds, wrap_up_seconds, transferred_from, case_id, end_reason)
     select id, tenant, queue, call, caller, enqueued, enqueued, status, agent, answered, callback, ended, wait, talk, hold, wrap, from_stay, c, reason
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[], $8::uuid[], $9::timestamptz[],
       $10::timestamptz[], $11::timestamptz[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::uuid[], $17::uuid[], $18::text[])
       as r(id, tenant, queue, call, caller, enqueued, status, agent, answered, callback, ended, wait, talk, hold, wrap, from_stay, c, reason)`,
    [(r) => r.id, (r) => r.tenantId, (r) => r.queueId, (r) => r.callId, (r) => r.callerId, (r) => r.enqueuedAt, (r) => r.status, (r) => r.agentUserId,
      (r) => r.answeredAt, (r) => r.callbackRequestedAt, (r) => r.endedAt, (r) => r.waitSeconds, (r) => r.talkSeconds, (r) => r.holdSeconds,
      (r) => r.wrapUpSeconds, (r) => r.transferredFrom, (r) => r.caseId, (r) => r.endReason]);
  await insertColumns(db, t.notifications,
    `insert into notifications (id, tenant_id, case_id, channel, purpose, recipient, idempotency_key, status, created_at, updated_at, sent_at)
     select id, tenant, c, 'sms', 'case_created', recipient, key, 'sent', at, at, at
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) as r(id, tenant, c, recipient, key, at)`,
    [(r) => r.id, (r) => r.tenantId, (r) => r.caseId, (r) => r.recipient, (r) => r.idempotencyKey, (r) => r.createdAt]);
  await insertColumns(db, t.agentStates,
    `insert into agent_state_changes (user_id, state, at) select u, s, at from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as r(u, s, at)`,
    [(r) => r.userId, (r) => r.state, (r) => r.at]);
}

/** Two queues and `operators` operator users for a tenant, written directly as the ACD and user admin would. */
export async function prepareTrafficTenant(db: Queryable, tenantId: string, operators: number, label: string) {
  const queues = await db.query<{ id: string }>(
    `insert into queues (tenant_id, name) values ($1, 'general'), ($1, 'technical') returning id`, [tenantId]);
  const operatorIds: string[] = [];
  for (let n = 0; n < operators; n++) {
    const [user] = await db.query<{ id: string }>(
      `insert into users (email, name, password_hash, role) values ($1, $2, 'not-a-hash', 'operator') returning id`,
      [`op${n}.${label}@traffic.local`, `Operator ${n} ${label}`]);
    await db.query('insert into user_tenants (user_id, tenant_id) values ($1, $2)', [user!.id, tenantId]);
    operatorIds.push(user!.id);
  }
  const [protocol] = await db.query<{ id: string }>(`select id from protocols where tenant_id = $1 order by version desc limit 1`, [tenantId]);
  return { queueIds: [queues[0]!.id, queues[1]!.id] as const, operatorIds, protocolId: protocol!.id };
}
