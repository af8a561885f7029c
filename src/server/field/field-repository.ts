import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';

export interface FieldJobRow {
  caseId: string;
  reference: string;
  protocolId: string;
  tenantName: string;
  status: TCaseStatus;
  applianceType: string | null;
  intake: Record<string, unknown>;
  priority: string;
  description: string;
  customerName: string | null;
  customerPhone: string | null;
  street: string | null;
  city: string | null;
  accessNotes: string | null;
  lat: number | null;
  lon: number | null;
  assetBrand: string | null;
  updatedAt: Date;
}

const jobColumns = `c.id as "caseId", c.reference, c.protocol_id as "protocolId", t.name as "tenantName", c.status, c.appliance_type as "applianceType", c.intake,
  c.priority, c.description, cu.name as "customerName", coalesce(c.caller_phone, cu.phones[1]) as "customerPhone", s.street, s.city,
  s.access_notes as "accessNotes", s.latitude as lat, s.longitude as lon, a.brand as "assetBrand", c.updated_at as "updatedAt"`;
const jobFrom = `cases c join tenants t on t.id = c.tenant_id left join customers cu on cu.id = c.customer_id
  left join sites s on s.id = c.site_id left join assets a on a.id = c.asset_id`;

export function createFieldRepository(db: Queryable) {
  return {
    insertSignInLink: async (l: { tokenHash: string; userId: string; technicianId: string; at: Date; expiresAt: Date }) => {
      await db.query(
        `insert into technician_sign_in_links (token_hash, user_id, technician_id, created_at, expires_at) values ($1, $2, $3, $4, $5)`,
        [l.tokenHash, l.userId, l.technicianId, l.at, l.expiresAt],
      );
    },

    /** Uses the link up in the same statement that checks it, so two clicks cannot both sign in. */
    consumeSignInLink: (tokenHash: string, at: Date) =>
      queryOne<{ userId: string }>(
        db,
        `update technician_sign_in_links set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning user_id as "userId"`,
        [tokenHash, at],
      ),

    /**
     * The technician's jobs for the day: everything in hand, plus what they resolved since the
     * local midnight (so a closing report can still be checked or reopened on a follow-up).
     */
    listJobs: (userId: string, since: Date) =>
      db.query<FieldJobRow>(
        `select ${jobColumns} from ${jobFrom}
         where c.assigned_user_id = $1 and (c.status in ('accepted', 'en_route', 'on_site', 'dispatched', 'reopened')
           or (c.status = 'resolved' and c.updated_at >= $2))
         order by case c.priority when 'urgent' then 0 when 'high' then 1 else 2 end, c.updated_at`,
        [userId, since],
      ),

    findJob: (caseId: string) => queryOne<FieldJobRow>(db, `select ${jobColumns} from ${jobFrom} where c.id = $1`, [caseId]),

    /** Claims an action id; undefined when it was applied before, with what it answered then. */
    claimAction: async (userId: string, actionId: string, kind: string, at: Date) =>
      (await db.query<{ ok: number }>(
        `insert into technician_actions (user_id, action_id, kind, applied_at, result) values ($1, $2, $3, $4, '{}'::jsonb)
         on conflict do nothing returning 1 as ok`,
        [userId, actionId, kind, at],
      )).length > 0,

    findAction: (userId: string, actionId: string) =>
      queryOne<{ result: { caseId: string | null; status: TCaseStatus | null } }>(
        db, `select result from technician_actions where user_id = $1 and action_id = $2`, [userId, actionId],
      ),

    saveActionResult: async (userId: string, actionId: string, result: unknown) => {
      await db.query(`update technician_actions set result = $3::jsonb where user_id = $1 and action_id = $2`, [userId, actionId, JSON.stringify(result)]);
    },

    insertReport: async (r: { tenantId: string; caseId: string; technicianId: string; workDone: string; parts: unknown; minutes: number; signature: Buffer | null; signedBy: string | null; at: Date }) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into job_reports (tenant_id, case_id, technician_id, work_done, parts, minutes, signature_png, signed_by, created_at)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) returning id`,
        [r.tenantId, r.caseId, r.technicianId, r.workDone, JSON.stringify(r.parts), r.minutes, r.signature, r.signedBy, r.at],
      ))!.id,

    listReports: (caseId: string) =>
      db.query<{ id: string; workDone: string; parts: unknown; minutes: number; signed: boolean; signedBy: string | null; createdAt: Date }>(
        `select id, work_done as "workDone", parts, minutes, signature_png is not null as signed, signed_by as "signedBy", created_at as "createdAt"
         from job_reports where case_id = $1 order by created_at`,
        [caseId],
      ),

    findReportSignature: (reportId: string) =>
      queryOne<{ caseId: string; signature: Buffer | null }>(db, `select case_id as "caseId", signature_png as signature from job_reports where id = $1`, [reportId]),
  };
}

export type FieldRepository = ReturnType<typeof createFieldRepository>;
