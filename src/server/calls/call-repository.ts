import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TCall } from '../../shared/api/calls.ts';

export interface CallRow {
  id: string;
  tenantId: string;
  tenantName: string;
  lineNumber: string | null;
  direction: 'inbound' | 'outbound';
  callerId: string;
  callerName: string;
  dialled: string;
  language: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  outcome: string | null;
  path: TCall['path'];
  digits: string;
  caseId: string | null;
  caseReference: string | null;
  recordingIds: string[];
}

const columns = `k.id, k.tenant_id as "tenantId", t.name as "tenantName", l.number as "lineNumber", k.direction,
  k.caller_id as "callerId", k.caller_name as "callerName", k.dialled, k.language, k.started_at as "startedAt",
  k.answered_at as "answeredAt", k.ended_at as "endedAt", k.end_reason as "endReason", k.outcome, k.ivr_path as "path",
  k.digits, k.case_id as "caseId", c.reference as "caseReference",
  coalesce((select array_agg(r.id::text order by r.created_at) from recordings r where r.call_id = k.id), '{}') as "recordingIds"`;
const from = `calls k join tenants t on t.id = k.tenant_id left join lines l on l.id = k.line_id left join cases c on c.id = k.case_id`;

export const toCall = (row: CallRow): TCall => ({
  ...row,
  startedAt: row.startedAt.toISOString(),
  answeredAt: row.answeredAt?.toISOString() ?? null,
  endedAt: row.endedAt?.toISOString() ?? null,
  durationSeconds: row.endedAt ? Math.round((row.endedAt.getTime() - row.startedAt.getTime()) / 1000) : null,
});

export interface NewCall {
  tenantId: string;
  lineId: string | null;
  trunkId: string | null;
  sipCallId: string;
  direction: 'inbound' | 'outbound';
  callerId: string;
  callerName: string;
  dialled: string;
  language: string;
  startedAt: Date;
}

export interface CallFilter {
  scope: readonly string[] | null;
  tenantId?: string;
  caseId?: string;
  phones?: readonly string[];
  outcome?: string;
  from?: Date;
  to?: Date;
  after?: { startedAt: Date; id: string };
  limit: number;
}

export function createCallRepository(db: Queryable) {
  return {
    insertCall: async (c: NewCall) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into calls (tenant_id, line_id, trunk_id, sip_call_id, direction, caller_id, caller_name, dialled, language, started_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [c.tenantId, c.lineId, c.trunkId, c.sipCallId, c.direction, c.callerId, c.callerName, c.dialled, c.language, c.startedAt],
      ))!.id,

    async markAnswered(id: string, at: Date) {
      await db.query('update calls set answered_at = $2 where id = $1 and answered_at is null', [id, at]);
    },

    async saveProgress(id: string, progress: { path: TCall['path']; digits: string; caseId?: string | null; outcome?: string | null }) {
      await db.query(
        `update calls set ivr_path = $2::jsonb, digits = $3, case_id = coalesce($4, case_id), outcome = coalesce($5, outcome)
         where id = $1`,
        [id, JSON.stringify(progress.path), progress.digits, progress.caseId ?? null, progress.outcome ?? null],
      );
    },

    async endCall(id: string, at: Date, reason: string, outcome: string | null) {
      await db.query(
        `update calls set ended_at = $2, end_reason = $3, outcome = coalesce(outcome, $4) where id = $1 and ended_at is null`,
        [id, at, reason, outcome],
      );
    },

    /** Calls a crash left open are closed as of the restart, so no record stays "in progress". */
    closeOrphans: (at: Date) =>
      db.query<{ id: string; tenantId: string }>(
        `update calls set ended_at = greatest($1, started_at), end_reason = 'server_restart', outcome = coalesce(outcome, 'failed')
         where ended_at is null returning id, tenant_id as "tenantId"`,
        [at],
      ),

    findCall: (id: string) => queryOne<CallRow>(db, `select ${columns} from ${from} where k.id = $1`, [id]),

    listCalls(f: CallFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (f.scope) add((p) => `k.tenant_id = any(${p}::uuid[])`, f.scope);
      if (f.tenantId) add((p) => `k.tenant_id = ${p}`, f.tenantId);
      if (f.caseId) add((p) => `k.case_id = ${p}`, f.caseId);
      if (f.phones) add((p) => `k.caller_id = any(${p}::text[])`, f.phones);
      if (f.outcome) add((p) => `k.outcome = ${p}`, f.outcome);
      if (f.from) add((p) => `k.started_at >= ${p}`, f.from);
      if (f.to) add((p) => `k.started_at < ${p}`, f.to);
      if (f.after) {
        params.push(f.after.startedAt, f.after.id);
        where.push(`(k.started_at, k.id) < ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(f.limit);
      return db.query<CallRow>(
        `select ${columns} from ${from} ${where.length ? `where ${where.join(' and ')}` : ''}
         order by k.started_at desc, k.id desc limit $${params.length}`,
        params,
      );
    },

    insertRecording: async (r: {
      tenantId: string; callId: string | null; caseId: string | null; kind: 'voicemail' | 'prompt' | 'call';
      encoding: 'pcmu' | 'pcma' | 'pcm16'; sampleRate: number; durationMs: number; audio: Buffer; name: string;
    }) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into recordings (tenant_id, call_id, case_id, kind, encoding, sample_rate, duration_ms, audio, name)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [r.tenantId, r.callId, r.caseId, r.kind, r.encoding, r.sampleRate, r.durationMs, r.audio, r.name],
      ))!.id,

    findRecording: (id: string) =>
      queryOne<{ id: string; tenantId: string; callId: string | null; caseId: string | null; encoding: string; sampleRate: number; durationMs: number; audio: Uint8Array }>(
        db,
        `select id, tenant_id as "tenantId", call_id as "callId", case_id as "caseId", encoding, sample_rate as "sampleRate",
           duration_ms as "durationMs", audio from recordings where id = $1`,
        [id],
      ),
  };
}

export type CallRepository = ReturnType<typeof createCallRepository>;
