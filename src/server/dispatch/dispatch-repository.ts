import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TDispatch, TOffer, TStoredDecision } from '../../shared/api/dispatch.ts';

export interface DispatchRow {
  id: string;
  tenantId: string;
  caseId: string;
  status: TDispatch['status'];
  mode: TDispatch['mode'];
  candidateIds: string[];
  nextRank: number;
  decision: TStoredDecision;
  retryAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface OfferRow {
  id: string;
  tenantId: string;
  caseId: string;
  dispatchId: string;
  technicianId: string;
  technicianName: string;
  rank: number;
  status: TOffer['status'];
  replyCode: string;
  offeredAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  answeredVia: string | null;
}

const dispatchColumns = `d.id, d.tenant_id as "tenantId", d.case_id as "caseId", d.status, d.mode, d.candidate_ids::text[] as "candidateIds",
  d.next_rank as "nextRank", d.decision, d.retry_at as "retryAt", d.created_by as "createdBy", d.created_at as "createdAt", d.updated_at as "updatedAt"`;
const offerColumns = `o.id, o.tenant_id as "tenantId", o.case_id as "caseId", o.dispatch_id as "dispatchId", o.technician_id as "technicianId",
  t.name as "technicianName", o.rank, o.status, o.reply_code as "replyCode", o.offered_at as "offeredAt", o.expires_at as "expiresAt",
  o.answered_at as "answeredAt", o.answered_via as "answeredVia"`;

export const toOffer = (o: OfferRow): TOffer => ({
  id: o.id, caseId: o.caseId, technicianId: o.technicianId, technicianName: o.technicianName, rank: o.rank, status: o.status,
  offeredAt: o.offeredAt.toISOString(), expiresAt: o.expiresAt.toISOString(), answeredAt: o.answeredAt?.toISOString() ?? null,
  answeredVia: o.answeredVia,
});

export const toDispatch = (d: DispatchRow, offers: OfferRow[]): TDispatch => ({
  id: d.id, caseId: d.caseId, status: d.status, mode: d.mode, decision: d.decision,
  createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(), offers: offers.map(toOffer),
});

export function createDispatchRepository(db: Queryable) {
  return {
    insertDispatch: async (d: Omit<DispatchRow, 'id' | 'updatedAt' | 'nextRank'>) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into dispatches (tenant_id, case_id, status, mode, candidate_ids, decision, retry_at, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5::uuid[], $6::jsonb, $7, $8, $9, $9) returning id`,
        [d.tenantId, d.caseId, d.status, d.mode, d.candidateIds, JSON.stringify(d.decision), d.retryAt, d.createdBy, d.createdAt],
      ))!.id,

    findDispatch: (id: string, lock = false) =>
      queryOne<DispatchRow>(db, `select ${dispatchColumns} from dispatches d where d.id = $1${lock ? ' for update' : ''}`, [id]),

    findLatestForCase: (caseId: string) =>
      queryOne<DispatchRow>(db, `select ${dispatchColumns} from dispatches d where d.case_id = $1 order by d.created_at desc, d.id desc limit 1`, [caseId]),

    setDispatch: async (id: string, fields: { status: DispatchRow['status']; nextRank?: number; retryAt?: Date | null }, at: Date) => {
      await db.query(
        `update dispatches set status = $2, next_rank = coalesce($3, next_rank), retry_at = $4, updated_at = $5 where id = $1`,
        [id, fields.status, fields.nextRank ?? null, fields.retryAt ?? null, at],
      );
    },

    /** Open rounds of a case (on a new round, on closure): ended, and their pending offers with them. */
    cancelOpenForCase: (caseId: string, at: Date) =>
      db.query<{ id: string }>(
        `update dispatches set status = 'cancelled', retry_at = null, updated_at = $2
         where case_id = $1 and status in ('offering', 'escalated', 'waiting') returning id`,
        [caseId, at],
      ),

    cancelPendingOffersForCase: (caseId: string, at: Date, note: string) =>
      db.query<{ id: string; technicianId: string }>(
        `update offers set status = 'cancelled', answered_at = $2, answered_via = 'desk', note = $3
         where case_id = $1 and status = 'pending' returning id, technician_id as "technicianId"`,
        [caseId, at, note],
      ),

    insertOffer: async (o: { tenantId: string; caseId: string; dispatchId: string; technicianId: string; rank: number; tokenHash: string; replyCode: string; offeredAt: Date; expiresAt: Date }) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into offers (tenant_id, case_id, dispatch_id, technician_id, rank, status, token_hash, reply_code, offered_at, expires_at)
         values ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9) returning id`,
        [o.tenantId, o.caseId, o.dispatchId, o.technicianId, o.rank, o.tokenHash, o.replyCode, o.offeredAt, o.expiresAt],
      ))!.id,

    /** Reply codes already taken by the technician's pending offers (unique among them). */
    pendingReplyCodes: async (technicianId: string) =>
      (await db.query<{ code: string }>(`select reply_code as code from offers where technician_id = $1 and status = 'pending'`, [technicianId])).map((r) => r.code),

    findOffer: (id: string, lock = false) =>
      queryOne<OfferRow>(db, `select ${offerColumns} from offers o join technicians t on t.id = o.technician_id where o.id = $1${lock ? ' for update of o' : ''}`, [id]),

    findOfferByToken: (tokenHash: string, lock = false) =>
      queryOne<OfferRow>(db, `select ${offerColumns} from offers o join technicians t on t.id = o.technician_id where o.token_hash = $1${lock ? ' for update of o' : ''}`, [tokenHash]),

    findPendingOfferByCode: (technicianId: string, replyCode: string) =>
      queryOne<OfferRow>(
        db,
        `select ${offerColumns} from offers o join technicians t on t.id = o.technician_id
         where o.technician_id = $1 and o.reply_code = $2 and o.status = 'pending' for update of o`,
        [technicianId, replyCode],
      ),

    /** Only a pending offer can be answered; false when someone (or the clock) answered first. */
    answerOffer: async (id: string, status: 'accepted' | 'declined' | 'expired', via: string, at: Date) =>
      (await db.query(`update offers set status = $2, answered_via = $3, answered_at = $4 where id = $1 and status = 'pending' returning id`, [id, status, via, at])).length > 0,

    listOffersOfDispatch: (dispatchId: string) =>
      db.query<OfferRow>(`select ${offerColumns} from offers o join technicians t on t.id = o.technician_id where o.dispatch_id = $1 order by o.rank, o.offered_at`, [dispatchId]),

    listPendingOffersOfTechnician: (technicianId: string) =>
      db.query<OfferRow>(`select ${offerColumns} from offers o join technicians t on t.id = o.technician_id where o.technician_id = $1 and o.status = 'pending' order by o.offered_at`, [technicianId]),

    /**
     * Offers whose time ran out, taken one batch at a time; SKIP LOCKED lets several processes
     * share the work, and a crash leaves the rows pending for the next run.
     */
    claimExpiredOffers: (now: Date, limit: number) =>
      db.query<{ id: string }>(
        `select id from offers where status = 'pending' and expires_at <= $1 order by expires_at, id limit $2 for update skip locked`,
        [now, limit],
      ),

    /** Rounds that waited for business hours and whose time has come. */
    claimDueWaiting: (now: Date, limit: number) =>
      db.query<{ id: string; caseId: string }>(
        `select id, case_id as "caseId" from dispatches where status = 'waiting' and retry_at <= $1 order by retry_at, id limit $2 for update skip locked`,
        [now, limit],
      ),

    /**
     * New cases of tenants whose policy dispatches on creation, never dispatched yet. Only cases
     * opened under the version in force (after its publication) count, so publishing a policy
     * does not sweep up old orders.
     */
    listUndispatchedNew: (now: Date, sinceMs: number, limit: number) =>
      db.query<{ id: string }>(
        `select c.id from cases c join protocols p on p.tenant_id = c.tenant_id and p.status = 'published'
         where c.status = 'new' and c.created_at >= p.published_at and c.created_at >= $1
           and coalesce((p.dispatch_policy->>'autoDispatch')::boolean, false)
           and not exists (select 1 from dispatches d where d.case_id = c.id)
         order by c.created_at limit $2`,
        [new Date(now.getTime() - sinceMs), limit],
      ),

    /** Where the job is, in the words an offer message uses. */
    findSiteCity: async (siteId: string) => (await queryOne<{ city: string }>(db, 'select city from sites where id = $1', [siteId]))?.city,

    /** The tenant's owners: its active administrators, who hear when nobody takes a job. */
    listOwnerEmails: async (tenantId: string) =>
      (await db.query<{ email: string }>(
        `select u.email from users u where u.active and u.role = 'admin'
           and (u.all_tenants or exists (select 1 from user_tenants ut where ut.user_id = u.id and ut.tenant_id = $1)) order by u.email`,
        [tenantId],
      )).map((r) => r.email),

    /** Rounds nobody took whose case still waits for someone: the operators' alerts. */
    listEscalations: (scope: readonly string[] | null, limit: number) =>
      db.query<{ dispatchId: string; caseId: string; reference: string; tenantName: string; escalatedAt: Date; summary: string }>(
        `select d.id as "dispatchId", d.case_id as "caseId", c.reference, t.name as "tenantName", d.updated_at as "escalatedAt",
           d.decision->>'summary' as summary
         from dispatches d join cases c on c.id = d.case_id join tenants t on t.id = d.tenant_id
         where d.status = 'escalated' and c.status in ('new', 'reopened') and ($1::uuid[] is null or d.tenant_id = any($1::uuid[]))
         order by d.updated_at desc limit $2`,
        [scope, limit],
      ),
  };
}

export type DispatchRepository = ReturnType<typeof createDispatchRepository>;
