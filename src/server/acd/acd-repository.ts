import type { TAgentState, TQueueCallStatus } from '../../shared/api/operators.ts';
import type { TLanguage } from '../../shared/common.ts';
import { queryOne, type Queryable } from '../platform/db/database.ts';
import type { QueueStrategy } from './routing.ts';

export interface QueueRow {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  language: TLanguage | null;
  requiredSkills: string[];
  priority: number;
  strategy: QueueStrategy;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  callbackAfterSeconds: number | null;
  maxNoAnswers: number;
  recordCalls: boolean;
  active: boolean;
  createdAt: Date;
}

export interface QueueCallContext {
  intake: Record<string, unknown>;
  caseId?: string;
  caseReference?: string;
  customerId?: string;
  path: string[];
  language?: TLanguage;
  transferNote?: string;
}

export interface QueueCallRow {
  id: string;
  tenantId: string;
  queueId: string;
  callId: string | null;
  callerId: string;
  priority: number;
  context: QueueCallContext;
  enqueuedAt: Date;
  positionAt: Date;
  status: TQueueCallStatus;
  offers: number;
  agentUserId: string | null;
  answeredAt: Date | null;
  callbackRequestedAt: Date | null;
  callbackNumber: string | null;
  transferredFrom: string | null;
  caseId: string | null;
}

export type NewQueueCall = Omit<QueueCallRow, 'offers' | 'callbackRequestedAt' | 'callbackNumber'>;

export interface AgentRow {
  userId: string;
  name: string;
  tenantIds: string[] | null;
  visibleTenantIds: string[];
  allTenants: boolean;
  languages: TLanguage[];
  level: number;
  extension: string | null;
  state: TAgentState | null;
  stateSince: Date | null;
}

const queueColumns = `q.id, q.tenant_id as "tenantId", t.name as "tenantName", q.name, q.language, q.required_skills as "requiredSkills",
  q.priority, q.strategy, q.ring_timeout_seconds as "ringTimeoutSeconds", q.wrap_up_seconds as "wrapUpSeconds",
  q.callback_after_seconds as "callbackAfterSeconds", q.max_no_answers as "maxNoAnswers", q.record_calls as "recordCalls",
  q.active, q.created_at as "createdAt"`;

const callColumns = `id, tenant_id as "tenantId", queue_id as "queueId", call_id as "callId", caller_id as "callerId", priority, context,
  enqueued_at as "enqueuedAt", position_at as "positionAt", status, offers, agent_user_id as "agentUserId", answered_at as "answeredAt",
  callback_requested_at as "callbackRequestedAt", callback_number as "callbackNumber", transferred_from as "transferredFrom",
  case_id as "caseId"`;

/** Columns a state change may set on a stay; named here so a patch can never write anything else. */
const patchable = {
  status: 'status', offers: 'offers', agentUserId: 'agent_user_id', answeredAt: 'answered_at', callbackRequestedAt: 'callback_requested_at',
  callbackNumber: 'callback_number', endedAt: 'ended_at', waitSeconds: 'wait_seconds', talkSeconds: 'talk_seconds',
  holdSeconds: 'hold_seconds', wrapUpSeconds: 'wrap_up_seconds', wrapUpCode: 'wrap_up_code', wrapUpNotes: 'wrap_up_notes',
  caseId: 'case_id', endReason: 'end_reason', callId: 'call_id',
} as const;
export type QueueCallPatch = Partial<Record<keyof typeof patchable, unknown>>;

/** The only SQL of the queues: queues, stays of calls in them, operators' skills and presence log. */
export function createAcdRepository(db: Queryable) {
  return {
    listQueues: (scope: readonly string[] | null = null) =>
      db.query<QueueRow>(
        `select ${queueColumns} from queues q join tenants t on t.id = q.tenant_id
         where $1::uuid[] is null or q.tenant_id = any($1::uuid[]) order by t.name, q.name`,
        [scope],
      ),
    findQueue: (id: string) => queryOne<QueueRow>(db, `select ${queueColumns} from queues q join tenants t on t.id = q.tenant_id where q.id = $1`, [id]),

    async insertQueue(tx: Queryable, q: Omit<QueueRow, 'id' | 'createdAt' | 'tenantName'>): Promise<string> {
      const row = await queryOne<{ id: string }>(
        tx,
        `insert into queues (tenant_id, name, language, required_skills, priority, strategy, ring_timeout_seconds, wrap_up_seconds,
           callback_after_seconds, max_no_answers, record_calls, active)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
        [q.tenantId, q.name, q.language, q.requiredSkills, q.priority, q.strategy, q.ringTimeoutSeconds, q.wrapUpSeconds,
          q.callbackAfterSeconds, q.maxNoAnswers, q.recordCalls, q.active],
      );
      return row!.id;
    },

    async updateQueue(tx: Queryable, q: QueueRow): Promise<void> {
      await tx.query(
        `update queues set name = $2, language = $3, required_skills = $4, priority = $5, strategy = $6, ring_timeout_seconds = $7,
           wrap_up_seconds = $8, callback_after_seconds = $9, max_no_answers = $10, record_calls = $11, active = $12 where id = $1`,
        [q.id, q.name, q.language, q.requiredSkills, q.priority, q.strategy, q.ringTimeoutSeconds, q.wrapUpSeconds,
          q.callbackAfterSeconds, q.maxNoAnswers, q.recordCalls, q.active],
      );
    },

    async insertQueueCall(tx: Queryable, c: NewQueueCall): Promise<void> {
      await tx.query(
        `insert into queue_calls (id, tenant_id, queue_id, call_id, caller_id, priority, context, enqueued_at, position_at, status,
           transferred_from, case_id, agent_user_id, answered_at)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14)`,
        [c.id, c.tenantId, c.queueId, c.callId, c.callerId, c.priority, JSON.stringify(c.context), c.enqueuedAt, c.positionAt, c.status,
          c.transferredFrom, c.caseId, c.agentUserId, c.answeredAt],
      );
    },

    async patchQueueCall(tx: Queryable, id: string, patch: QueueCallPatch): Promise<void> {
      const keys = Object.keys(patch) as (keyof typeof patchable)[];
      if (keys.length === 0) return;
      const sets = keys.map((k, i) => `${patchable[k]} = $${i + 2}`);
      await tx.query(`update queue_calls set ${sets.join(', ')} where id = $1`, [id, ...keys.map((k) => patch[k])]);
    },

    findQueueCall: (id: string) => queryOne<QueueCallRow>(db, `select ${callColumns} from queue_calls where id = $1`, [id]),

    /** Stays that were still open when the process stopped. */
    listOpenQueueCalls: () =>
      db.query<QueueCallRow>(`select ${callColumns} from queue_calls where status in ('waiting', 'offered', 'callback_waiting', 'callback_dialling', 'connected', 'wrap_up') order by position_at`),

    async insertAgentState(tx: Queryable, userId: string, state: TAgentState, reason: string, at: Date): Promise<void> {
      await tx.query('insert into agent_state_changes (user_id, state, reason, at) values ($1, $2, $3, $4)', [userId, state, reason, at]);
    },

    /** Operators with their skills, extension and last logged state. */
    listAgents: (userId?: string) =>
      db.query<AgentRow>(
        `select u.id as "userId", u.name, s.tenant_ids::text[] as "tenantIds", u.all_tenants as "allTenants",
           coalesce((select array_agg(ut.tenant_id::text) from user_tenants ut where ut.user_id = u.id), '{}') as "visibleTenantIds",
           coalesce(s.languages, array[coalesce(u.language, 'es')]) as languages, coalesce(s.level, 1) as level,
           a.extension, l.state, l.at as "stateSince"
         from users u
         left join operator_skills s on s.user_id = u.id
         left join sip_accounts a on a.user_id = u.id
         left join lateral (select state, at from agent_state_changes c where c.user_id = u.id order by at desc, id desc limit 1) l on true
         where u.active and u.role = 'operator' and ($1::uuid is null or u.id = $1::uuid)
         order by u.name`,
        [userId ?? null],
      ),

    async saveSkills(tx: Queryable, userId: string, skills: { tenantIds: string[] | null; languages: TLanguage[]; level: number }, at: Date) {
      await tx.query(
        `insert into operator_skills (user_id, tenant_ids, languages, level, updated_at) values ($1, $2::uuid[], $3, $4, $5)
         on conflict (user_id) do update set tenant_ids = excluded.tenant_ids, languages = excluded.languages, level = excluded.level,
           updated_at = excluded.updated_at`,
        [userId, skills.tenantIds, skills.languages, skills.level, at],
      );
    },

    /** Calls each operator answered since `since`: the fewest-calls order and the supervisor's count. */
    answeredSince: (since: Date) =>
      db.query<{ userId: string; count: number }>(
        `select agent_user_id as "userId", count(*)::int as count from queue_calls
         where answered_at >= $1 and agent_user_id is not null group by agent_user_id`,
        [since],
      ),

    /** Recent average handle time (talk + hold + wrap-up) of a queue, for the wait a caller is told. */
    async averageHandleSeconds(queueId: string, since: Date): Promise<number | undefined> {
      const row = await queryOne<{ avg: string | null }>(
        db,
        `select avg(coalesce(talk_seconds, 0) + hold_seconds + coalesce(wrap_up_seconds, 0))::text as avg from queue_calls
         where queue_id = $1 and answered_at is not null and ended_at >= $2 and status = 'completed'`,
        [queueId, since],
      );
      return row?.avg ? Number(row.avg) : undefined;
    },

    /** What a tenant's operators read when they pick up, and the codes they close a call with. */
    tenantOperatorSettings: (tenantId: string) =>
      queryOne<{ greeting: Partial<Record<TLanguage, string>>; wrapUpCodes: string[] | null }>(
        db, `select operator_greeting as greeting, wrap_up_codes as "wrapUpCodes" from tenants where id = $1`, [tenantId],
      ),

    async saveOperatorGreeting(tx: Queryable, tenantId: string, greeting: Partial<Record<TLanguage, string>>): Promise<void> {
      await tx.query('update tenants set operator_greeting = $2::jsonb where id = $1', [tenantId, JSON.stringify(greeting)]);
    },

    /** Today's figures per queue for the supervisor. */
    queueDayFigures: (since: Date, targetSeconds: number) =>
      db.query<{ queueId: string; answered: number; abandoned: number; offered: number; shortAbandoned: number; inTarget: number }>(
        `select queue_id as "queueId",
           count(*) filter (where answered_at is not null)::int as answered,
           count(*) filter (where status = 'abandoned')::int as abandoned,
           count(*) filter (where status <> 'transferred')::int as offered,
           count(*) filter (where status = 'abandoned' and wait_seconds < 5)::int as "shortAbandoned",
           count(*) filter (where answered_at is not null and answered_at - enqueued_at <= make_interval(secs => $2))::int as "inTarget"
         from queue_calls where enqueued_at >= $1 group by queue_id`,
        [since, targetSeconds],
      ),
  };
}

export type AcdRepository = ReturnType<typeof createAcdRepository>;
