import {
  ZCostReport, ZHeatmap, ZPeriodQuery, ZReportSettingsPatch, ZReportSettingsView, ZStaffingPlan, ZStaffingPlanQuery,
  ZTrafficQuery, ZTrafficReport, ZUsageStatement,
} from '../../shared/api/reports.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { getReportSettings, updateReportSettings } from './manage-report-settings.ts';
import { planDayStaffing } from './plan-day-staffing.ts';
import { queryCost, queryHeatmap, queryTraffic, queryUsageStatement, usageStatementCsv } from './query-reports.ts';
import type { ReportDeps } from './report-deps.ts';

export function registerReportRoutes(routes: RouteTable, deps: ReportDeps) {
  const tag = 'reports';
  routes.route(
    { method: 'get', path: '/api/v1/reports/traffic', tag, query: ZTrafficQuery, response: ZTrafficReport,
      summary: 'Offered, answered, abandoned, ASA, service level, AHT, IVR containment, transfers, callbacks, repeat callers, FCR and case times per local interval' },
    async ({ principal, c }) => queryTraffic(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/heatmap', tag, query: ZPeriodQuery, response: ZHeatmap,
      summary: 'Inbound calls by local weekday and hour' },
    async ({ principal, c }) => queryHeatmap(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/cost', tag, query: ZPeriodQuery, response: ZCostReport,
      summary: 'Seat and telephony cost, cost per call and per case, estimated cost of missed calls' },
    async ({ principal, c }) => queryCost(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/usage', tag, query: ZPeriodQuery, response: ZUsageStatement,
      summary: "A tenant's usage statement: calls, billed minutes, messages, dispatches" },
    async ({ principal, c }) => queryUsageStatement(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/usage.csv', tag, query: ZPeriodQuery, summary: "A tenant's usage statement as CSV" },
    async ({ principal, c }) => {
      const statement = await queryUsageStatement(deps, principal, c.req.query());
      const name = `usage-${statement.billingCode}-${statement.from}-${statement.to}.csv`.replace(/[^\w.-]/g, '_');
      return c.body(usageStatementCsv(statement), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    },
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/staffing', tag, query: ZStaffingPlanQuery, response: ZStaffingPlan,
      summary: 'Agents needed per interval of a day (Erlang C) from actual or forecast traffic, beside the operators logged in' },
    async ({ principal, c }) => planDayStaffing(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/reports/settings', tag, response: ZReportSettingsView, summary: "The desk's default prices and targets" },
    async ({ principal }) => getReportSettings(deps, principal, null),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/reports/settings', tag, body: ZReportSettingsPatch, response: ZReportSettingsView, summary: "Change the desk's default prices and targets" },
    async ({ principal, body }) => updateReportSettings(deps, principal, null, body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/tenants/:id/report-settings', tag, response: ZReportSettingsView, summary: "A tenant's prices and targets: in force, desk defaults, overrides" },
    async ({ principal, params }) => getReportSettings(deps, principal, requireUuid(params.id, 'tenant')),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/tenants/:id/report-settings', tag, body: ZReportSettingsPatch, response: ZReportSettingsView, summary: "Override the desk's prices and targets for a tenant (null clears)" },
    async ({ principal, params, body }) => updateReportSettings(deps, principal, requireUuid(params.id, 'tenant'), body),
  );
}
