import { ZMe } from '../../shared/api/auth.ts';
import { ZFieldActionResult, ZFieldOverview, type TFieldAction, type TFieldOverview } from '../../shared/api/field.ts';
import type { TApiClient } from './client.ts';

export function getFieldOverview(api: TApiClient, signal?: AbortSignal): Promise<TFieldOverview> {
  return api.request('/field', { schema: ZFieldOverview, signal });
}

export function sendFieldAction(api: TApiClient, action: TFieldAction) {
  return api.request('/field/actions', { method: 'POST', body: action, schema: ZFieldActionResult });
}

export function requestSignInLink(api: TApiClient, contact: string) {
  return api.request('/field/sign-in-link', { method: 'POST', body: { contact }, ignoreUnauthorized: true });
}

export function signInWithLink(api: TApiClient, token: string) {
  return api.request('/field/sign-in', { method: 'POST', body: { token }, schema: ZMe, ignoreUnauthorized: true });
}

export function reportPosition(api: TApiClient, tenantId: string, technicianId: string, position: { lat: number; lon: number; at: string }) {
  return api.request(`/tenants/${tenantId}/technicians/${technicianId}/position`, { method: 'POST', body: position });
}
