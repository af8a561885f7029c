import type { Principal } from '../auth/principal.ts';
import { requirePermission, requireTenant, tenantScope } from '../auth/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { Queryable } from '../platform/db/database.ts';

export interface ReportDeps {
  db: Queryable;
  clock: Clock;
}

/**
 * The tenants a report may cover: the one asked for (another tenant's is a 404), or every
 * tenant the caller sees when none is named (null: all of them).
 */
export function reportScope(actor: Principal, tenantId: string | undefined): readonly string[] | null {
  requirePermission(actor, 'report.read');
  if (tenantId) {
    requireTenant(actor, tenantId);
    return [tenantId];
  }
  return tenantScope(actor);
}
