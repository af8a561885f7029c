import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TPortalStatus } from '../../shared/api/knowledge.ts';
import { hasValidCheckDigit } from '../cases/reference-number.ts';
import { AppError } from '../platform/errors.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import type { PortalDeps } from './portal-deps.ts';

/** One answer for a wrong reference, a wrong phone and another tenant's case. */
const noMatch = () => new AppError('not_found', 'no case matches that reference and phone number');

/**
 * Status by reference and phone. Whether the reference exists is never revealed to someone
 * without the right phone: every miss gets the same answer, and every answer the same minimum
 * time; attempts are counted per address and per reference before anything is looked up.
 */
export async function lookUpPortalStatus(
  deps: PortalDeps,
  tenant: { id: string; country: string },
  address: string,
  input: { reference: string; phone: string },
): Promise<TPortalStatus> {
  const reference = input.reference.replace(/[\s-]/g, '');
  const phone = normalisePhone(input.phone, tenant.country, 'phone');
  const byAddress = deps.portalLimits.lookupsPerAddress.take(address);
  const byReference = deps.portalLimits.lookupsPerReference.take(`${tenant.id}:${reference}`);
  if (!byAddress || !byReference) throw new AppError('rate_limited', 'too many look-ups; try again later');
  const started = performance.now();
  try {
    const found = /^[0-9]+$/.test(reference) && hasValidCheckDigit(reference) ? await deps.cases.findCaseByReference(reference) : undefined;
    const phones = found ? [found.callerPhone, ...(found.customerPhones ?? [])] : [];
    if (!found || found.tenantId !== tenant.id || !phones.includes(phone)) throw noMatch();
    return { reference: found.reference, status: found.status, openedAt: found.createdAt.toISOString(), updatedAt: found.updatedAt.toISOString() };
  } finally {
    const left = deps.statusFloorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
