import { ZReportSettingsPatch, type TReportSettingsView } from '../../shared/api/reports.ts';
import type { Principal } from '../auth/principal.ts';
import { requirePermission, requireTenant } from '../auth/principal.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import type { ReportDeps } from './report-deps.ts';
import { createReportSettingsRepository } from './report-settings-repository.ts';

async function checkTarget(deps: ReportDeps, actor: Principal, tenantId: string | null) {
  if (tenantId === null) {
    // The desk's defaults apply to every tenant, so only someone who sees them all may read or change them.
    if (!actor.allTenants) throw new AppError('forbidden', 'the desk defaults belong to users who see every tenant');
    return;
  }
  requireTenant(actor, tenantId);
  if (!(await createTenantRepository(deps.db).findTenant(tenantId))) throw notFound('tenant');
}

export async function getReportSettings(deps: ReportDeps, actor: Principal, tenantId: string | null): Promise<TReportSettingsView> {
  requirePermission(actor, 'report.read');
  await checkTarget(deps, actor, tenantId);
  return { tenantId, ...(await createReportSettingsRepository(deps.db).readSettings(tenantId)) };
}

/** Sets prices and targets for the desk (tenantId null) or overrides them for one tenant; null clears an override. */
export async function updateReportSettings(deps: ReportDeps, actor: Principal, tenantId: string | null, input: unknown): Promise<TReportSettingsView> {
  const patch = parseInput(ZReportSettingsPatch, input, 'body');
  requirePermission(actor, 'report.manage');
  await checkTarget(deps, actor, tenantId);
  await createReportSettingsRepository(deps.db).patchSettings(tenantId, patch, deps.clock.now());
  return { tenantId, ...(await createReportSettingsRepository(deps.db).readSettings(tenantId)) };
}
