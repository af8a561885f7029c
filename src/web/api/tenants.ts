import { z } from 'zod';
import { ZProtocolVersion, type TProtocolVersion } from '../../shared/api/protocols.ts';
import { ZTenant } from '../../shared/api/tenants.ts';
import type { TApiClient } from './client.ts';

/** The list only needs these columns, so extra or missing detail fields do not break it. */
const ZTenantSummary = ZTenant.pick({ id: true, name: true, billingCode: true, language: true, timeZone: true });
export type TTenantSummary = z.infer<typeof ZTenantSummary>;

const ZTenantList = z.object({ items: z.array(ZTenantSummary) });

export async function listTenants(api: TApiClient, signal?: AbortSignal): Promise<TTenantSummary[]> {
  const page = await api.request('/tenants', { schema: ZTenantList, signal });
  return page.items;
}

export function getCurrentProtocol(api: TApiClient, tenantId: string): Promise<TProtocolVersion> {
  return api.request(`/tenants/${encodeURIComponent(tenantId)}/protocols/current`, { schema: ZProtocolVersion });
}
