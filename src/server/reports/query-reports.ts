import {
  ZPeriodQuery, ZTrafficQuery, type TCostReport, type THeatmap, type TReportSettings, type TTrafficReport, type TUsageStatement,
} from '../../shared/api/reports.ts';
import type { Principal } from '../auth/principal.ts';
import { invalidField, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import { billingBlocks } from './billing-rounding.ts';
import { deriveCost, deriveFigures, sumCounts } from './derive-figures.ts';
import { reportScope, type ReportDeps } from './report-deps.ts';
import { createReportSettingsRepository } from './report-settings-repository.ts';
import { createTrafficRepository } from './traffic-repository.ts';
import { createUsageRepository } from './usage-repository.ts';

async function requireExistingTenant(deps: ReportDeps, tenantId: string | undefined) {
  if (!tenantId) return undefined;
  const tenant = await createTenantRepository(deps.db).findTenant(tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant;
}

/** A tenant's settings in force; over several tenants, the desk's defaults. */
async function settingsFor(deps: ReportDeps, tenantId: string | undefined): Promise<TReportSettings> {
  return (await createReportSettingsRepository(deps.db).readSettings(tenantId ?? null)).effective;
}

/** Offered, answered, abandoned, ASA, service level, AHT, containment, … per local bucket and for the whole period. */
export async function queryTraffic(deps: ReportDeps, actor: Principal, input: unknown): Promise<TTrafficReport> {
  const query = parseInput(ZTrafficQuery, input, 'query');
  const scope = reportScope(actor, query.tenantId);
  await requireExistingTenant(deps, query.tenantId);
  const rows = await createTrafficRepository(deps.db).trafficByBucket(scope, query.from, query.to, query.interval);
  const settings = query.tenantId ? await settingsFor(deps, query.tenantId) : undefined;
  return {
    tenantId: query.tenantId ?? null,
    from: query.from,
    to: query.to,
    interval: query.interval,
    // Over several tenants each is measured against its own target, so no single target applies.
    serviceLevelTarget: settings ? { share: settings.serviceLevelTarget, seconds: settings.serviceLevelSeconds } : null,
    total: deriveFigures(sumCounts(rows)),
    buckets: rows.map((row) => ({ start: row.start, ...deriveFigures(row) })),
  };
}

/** Inbound calls by weekday and hour, in each tenant's local time. */
export async function queryHeatmap(deps: ReportDeps, actor: Principal, input: unknown): Promise<THeatmap> {
  const query = parseInput(ZPeriodQuery, input, 'query');
  const scope = reportScope(actor, query.tenantId);
  await requireExistingTenant(deps, query.tenantId);
  const cells = await createTrafficRepository(deps.db).heatmap(scope, query.from, query.to);
  return { from: query.from, to: query.to, cells };
}

/** Cost per call and per case, and what the missed calls may have cost, with the tenant's (or desk's) prices. */
export async function queryCost(deps: ReportDeps, actor: Principal, input: unknown): Promise<TCostReport> {
  const query = parseInput(ZPeriodQuery, input, 'query');
  const scope = reportScope(actor, query.tenantId);
  await requireExistingTenant(deps, query.tenantId);
  const settings = await settingsFor(deps, query.tenantId);
  const usage = await createUsageRepository(deps.db).usage(scope, query.from, query.to, billingBlocks[settings.billingRounding]);
  return { tenantId: query.tenantId ?? null, from: query.from, to: query.to, ...deriveCost(usage, settings) };
}

/** What one tenant used over the period, for billing the client business. */
export async function queryUsageStatement(deps: ReportDeps, actor: Principal, input: unknown): Promise<TUsageStatement> {
  const query = parseInput(ZPeriodQuery, input, 'query');
  if (!query.tenantId) throw invalidField('tenantId', 'required for a usage statement');
  const scope = reportScope(actor, query.tenantId);
  const tenant = (await requireExistingTenant(deps, query.tenantId))!;
  const settings = await settingsFor(deps, query.tenantId);
  const usage = await createUsageRepository(deps.db).usage(scope, query.from, query.to, billingBlocks[settings.billingRounding]);
  return {
    tenantId: tenant.id, tenantName: tenant.name, billingCode: tenant.billingCode, from: query.from, to: query.to,
    currency: settings.currency, billingRounding: settings.billingRounding,
    calls: usage.calls, answeredCalls: usage.answeredCalls, talkSeconds: usage.talkSeconds, billedMinutes: usage.billedSeconds / 60,
    messages: usage.messages, dispatches: usage.dispatches, casesOpened: usage.casesOpened,
  };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet; quoting alone does not stop that.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function usageStatementCsv(statement: TUsageStatement): string {
  const rows: [string, string | number][] = [
    ['tenant', statement.tenantName], ['billing_code', statement.billingCode], ['from', statement.from], ['to', statement.to],
    ['calls', statement.calls], ['answered_calls', statement.answeredCalls], ['talk_seconds', Math.round(statement.talkSeconds)],
    ['billing_rounding', statement.billingRounding], ['billed_minutes', statement.billedMinutes.toFixed(2)],
    ['messages', statement.messages], ['dispatches', statement.dispatches], ['cases_opened', statement.casesOpened],
  ];
  return `item,value\r\n${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
