import type { OpenCaseForGuard } from './case-repository.ts';

export type DuplicateRule = 'customer_asset' | 'customer_appliance' | 'phone_appliance';

export interface OrderCandidate {
  customerId: string | null;
  assetId: string | null;
  applianceType: string | null;
  phone: string | null;
}

export interface DuplicateMatch {
  caseId: string;
  rule: DuplicateRule;
}

/**
 * Decides whether a new order is one the desk already has open. The rules, strongest first:
 * the same customer and asset; the same customer and appliance type; or, for callers not yet
 * known as customers, the same phone and appliance type within the tenant's window.
 */
export function findDuplicate(
  candidate: OrderCandidate,
  openCases: readonly OpenCaseForGuard[],
  now: Date,
  windowHours: number,
): DuplicateMatch | undefined {
  const newestFirst = [...openCases].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const first = (rule: DuplicateRule, matches: (c: OpenCaseForGuard) => boolean) => {
    const hit = newestFirst.find(matches);
    return hit ? { caseId: hit.id, rule } : undefined;
  };
  const sameCustomer = (c: OpenCaseForGuard) => candidate.customerId !== null && c.customerId === candidate.customerId;
  const sameAppliance = (c: OpenCaseForGuard) => candidate.applianceType !== null && c.applianceType === candidate.applianceType;
  const samePhone = (c: OpenCaseForGuard) =>
    candidate.phone !== null && (c.callerPhone === candidate.phone || (c.customerPhones ?? []).includes(candidate.phone));
  const windowStart = now.getTime() - windowHours * 3_600_000;

  return (
    first('customer_asset', (c) => sameCustomer(c) && candidate.assetId !== null && c.assetId === candidate.assetId) ??
    first('customer_appliance', (c) => sameCustomer(c) && sameAppliance(c)) ??
    first('phone_appliance', (c) => samePhone(c) && sameAppliance(c) && c.createdAt.getTime() >= windowStart)
  );
}
