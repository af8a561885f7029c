import { ZStaffingPlanQuery, type TStaffingPlan } from '../../shared/api/reports.ts';
import type { Principal } from '../auth/principal.ts';
import { notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { findRequiredAgents, maxAgentsSearched } from '../staffing/erlang-c.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import { reportScope, type ReportDeps } from './report-deps.ts';
import { createReportSettingsRepository } from './report-settings-repository.ts';
import { createStaffingRepository } from './staffing-repository.ts';

const slotSeconds = { '15m': 900, '30m': 1800, '60m': 3600 } as const;

/**
 * Agents needed per interval of one local day, by Erlang C with the tenant's target service
 * level, maximum occupancy and shrinkage, from the day's own traffic or from the average of
 * the same weekday and interval over past weeks; beside it, the operators actually logged in.
 */
export async function planDayStaffing(deps: ReportDeps, actor: Principal, input: unknown): Promise<TStaffingPlan> {
  const query = parseInput(ZStaffingPlanQuery, input, 'query');
  reportScope(actor, query.tenantId);
  if (!(await createTenantRepository(deps.db).findTenant(query.tenantId))) throw notFound('tenant');
  const settings = (await createReportSettingsRepository(deps.db).readSettings(query.tenantId)).effective;
  const staffing = createStaffingRepository(deps.db);
  const seconds = slotSeconds[query.interval];
  const daysBack = query.source === 'actual' ? [0] : Array.from({ length: query.weeks }, (_, i) => 7 * (i + 1));
  const slot = `${seconds} seconds`;
  const [traffic, loggedIn] = await Promise.all([
    staffing.slotTraffic(query.tenantId, query.day, slot, daysBack),
    staffing.loggedIn(query.tenantId, query.day, slot),
  ]);
  const present = new Map(loggedIn.map((row) => [row.start, row.agents]));
  const byStart = new Map(traffic.map((row) => [row.start, row]));
  // A slot whose calls were all abandoned has no handle time of its own; the day's average stands in.
  const handled = traffic.reduce((sum, row) => sum + row.handled, 0);
  const dayAht = handled > 0 ? traffic.reduce((sum, row) => sum + row.handleSeconds, 0) / handled : null;
  return {
    tenantId: query.tenantId, day: query.day, interval: query.interval, source: query.source, weeks: query.source === 'actual' ? 1 : query.weeks,
    target: { serviceLevel: settings.serviceLevelTarget, seconds: settings.serviceLevelSeconds, maxOccupancy: settings.maxOccupancy, shrinkage: settings.shrinkage },
    rows: loggedIn.map(({ start }) => {
      const row = byStart.get(start) ?? { start, calls: 0, handled: 0, handleSeconds: 0 };
      const calls = row.calls / daysBack.length;
      const ahtSeconds = row.handled > 0 ? row.handleSeconds / row.handled : calls > 0 ? dayAht : null;
      const need = calls > 0 && ahtSeconds
        ? findRequiredAgents({
          callsPerInterval: calls, intervalSeconds: seconds, ahtSeconds, targetServiceLevel: settings.serviceLevelTarget,
          targetSeconds: settings.serviceLevelSeconds, maxOccupancy: settings.maxOccupancy, shrinkage: settings.shrinkage, maxAgents: maxAgentsSearched,
        })
        : undefined;
      return {
        start: row.start, calls, ahtSeconds,
        agents: need?.agents ?? 0, scheduledAgents: need?.scheduledAgents ?? 0,
        serviceLevel: need?.serviceLevel ?? 1, occupancy: need?.occupancy ?? 0,
        loggedIn: present.get(row.start) ?? 0,
      };
    }),
  };
}
