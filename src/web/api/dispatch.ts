import {
  ZCaseDispatch, ZDispatchAlerts, ZOfferSummary, ZPublicCaseStatus, type TCaseDispatch, type TOfferSummary, type TPublicCaseStatus,
} from '../../shared/api/dispatch.ts';
import type { TApiClient } from './client.ts';

export function getCaseDispatch(api: TApiClient, caseId: string, signal?: AbortSignal): Promise<TCaseDispatch> {
  return api.request(`/cases/${encodeURIComponent(caseId)}/dispatch`, { schema: ZCaseDispatch, signal });
}

export function dispatchCase(api: TApiClient, caseId: string, technicianId?: string): Promise<TCaseDispatch> {
  return api.request(`/cases/${encodeURIComponent(caseId)}/dispatch`, { method: 'POST', body: technicianId ? { technicianId } : {}, schema: ZCaseDispatch });
}

export function listDispatchAlerts(api: TApiClient, signal?: AbortSignal) {
  return api.request('/dispatch/alerts', { schema: ZDispatchAlerts, signal });
}

export function revokeStatusLinks(api: TApiClient, caseId: string): Promise<{ revoked: number }> {
  return api.request(`/cases/${encodeURIComponent(caseId)}/status-links/revoke`, { method: 'POST', body: {} });
}

export function readOffer(api: TApiClient, token: string, signal?: AbortSignal): Promise<TOfferSummary> {
  return api.request('/offers/by-link', { method: 'POST', body: { token }, schema: ZOfferSummary, signal, ignoreUnauthorized: true });
}

export function answerOfferByLink(api: TApiClient, token: string, answer: 'accept' | 'decline'): Promise<TOfferSummary> {
  return api.request('/offers/by-link/answer', { method: 'POST', body: { token, answer }, schema: ZOfferSummary, ignoreUnauthorized: true });
}

export function readPublicStatus(api: TApiClient, token: string, signal?: AbortSignal): Promise<TPublicCaseStatus> {
  return api.request('/public/case-status', { method: 'POST', body: { token }, schema: ZPublicCaseStatus, signal, ignoreUnauthorized: true });
}
