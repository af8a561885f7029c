import {
  ZCostReport, ZHeatmap, ZReportSettingsView, ZStaffingPlan, ZTrafficReport, ZUsageStatement,
  type TReportSettingsPatch, type TReportSettingsView,
} from '../../shared/api/reports.ts';
import { ZErlangCResult } from '../../shared/api/staffing.ts';
import type { TApiClient, TQuery } from './client.ts';

export const getTraffic = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/reports/traffic', { query, schema: ZTrafficReport, signal });
export const getHeatmap = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/reports/heatmap', { query, schema: ZHeatmap, signal });
export const getCost = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/reports/cost', { query, schema: ZCostReport, signal });
export const getUsage = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/reports/usage', { query, schema: ZUsageStatement, signal });
export const getStaffingPlan = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/reports/staffing', { query, schema: ZStaffingPlan, signal });
export const getErlangC = (api: TApiClient, query: TQuery, signal?: AbortSignal) => api.request('/staffing/erlang-c', { query, schema: ZErlangCResult, signal });

const settingsPath = (tenantId: string | null) => (tenantId ? `/tenants/${encodeURIComponent(tenantId)}/report-settings` : '/reports/settings');

export const getReportSettings = (api: TApiClient, tenantId: string | null, signal?: AbortSignal) =>
  api.request(settingsPath(tenantId), { schema: ZReportSettingsView, signal });

export const patchReportSettings = (api: TApiClient, tenantId: string | null, body: TReportSettingsPatch): Promise<TReportSettingsView> =>
  api.request(settingsPath(tenantId), { method: 'PATCH', body, schema: ZReportSettingsView });

/** The server's CSV of a usage statement, fetched with the session so the download is authenticated. */
export const usageCsvUrl = (query: Record<string, string>) => `/api/v1/reports/usage.csv?${new URLSearchParams(query)}`;
