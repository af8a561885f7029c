import { findE164 } from '../phones/normalise-phone.ts';
import { toLine, toTenant, type TenantRepository } from './tenant-repository.ts';

/**
 * The line (and so the tenant) a call is for, from the dialled number as a trunk or softphone
 * writes it: "+34900100200", "34900100200", "0034900100200" or the national "900100200".
 */
export async function findLineForDialled(deps: { tenants: TenantRepository }, dialled: string) {
  const raw = dialled.trim();
  if (!/^\+?[0-9]{3,20}$/.test(raw)) return undefined;
  const digits = raw.replace(/^\+/, '');
  const candidates = new Set<string>();
  if (raw.startsWith('+')) candidates.add(raw);
  else if (digits.startsWith('00')) candidates.add(`+${digits.slice(2)}`);
  else {
    candidates.add(`+${digits}`);
    const countries = new Set((await deps.tenants.listTenants(null)).map((t) => t.country));
    for (const country of countries) {
      const e164 = findE164(digits, country);
      if (e164) candidates.add(e164);
    }
  }
  const [line] = await deps.tenants.findLinesByNumbers([...candidates]);
  if (!line) return undefined;
  const tenant = await deps.tenants.findTenant(line.tenantId);
  return tenant ? { line: toLine(line), tenant: toTenant(tenant) } : undefined;
}
