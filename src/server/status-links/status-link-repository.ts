import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';

export function createStatusLinkRepository(db: Queryable) {
  return {
    insertLink: async (l: { tenantId: string; caseId: string; tokenHash: string; at: Date }) => {
      await db.query(`insert into case_status_links (tenant_id, case_id, token_hash, created_at) values ($1, $2, $3, $4)`, [
        l.tenantId, l.caseId, l.tokenHash, l.at,
      ]);
    },

    /** A live link's case, as the public page shows it; revoked or unknown links find nothing. */
    findLiveLink: (tokenHash: string) =>
      queryOne<{ caseId: string; reference: string; tenantName: string; status: TCaseStatus; updatedAt: Date; technicianName: string | null }>(
        db,
        `select c.id as "caseId", c.reference, t.name as "tenantName", c.status, c.updated_at as "updatedAt",
           (select tech.name from technicians tech where tech.user_id = c.assigned_user_id) as "technicianName"
         from case_status_links l join cases c on c.id = l.case_id join tenants t on t.id = c.tenant_id
         where l.token_hash = $1 and l.revoked_at is null`,
        [tokenHash],
      ),

    statusSteps: (caseId: string) =>
      db.query<{ status: TCaseStatus; at: Date }>(
        `select after->>'status' as status, at from case_events where case_id = $1 and kind in ('created', 'status_changed') order by id`,
        [caseId],
      ),

    revokeForCase: async (caseId: string, at: Date) =>
      (await db.query(`update case_status_links set revoked_at = $2 where case_id = $1 and revoked_at is null returning id`, [caseId, at])).length,
  };
}
