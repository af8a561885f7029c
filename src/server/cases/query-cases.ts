import { ZCaseQuery, type TTimelineEntry } from '../../shared/api/cases.ts';
import { requirePermission, requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import { phonesForSearch } from '../phones/phones-for-search.ts';
import { decodeCursor, encodeCursor } from '../platform/keyset-cursor.ts';
import { notFound } from '../platform/errors.ts';
import { isUuid, parseInput } from '../platform/validation.ts';
import { requireCaseVisible } from './case-access.ts';
import type { CaseDeps } from './case-deps.ts';
import { toCase, type CaseRow } from './case-repository.ts';
import { normaliseReference } from './reference-number.ts';

/** A case by id or by its reference (as typed: spaces and dashes are ignored). */
export async function getCase(deps: CaseDeps, actor: Principal, idOrReference: string) {
  return toCase(await loadVisibleCase(deps, actor, idOrReference));
}

export async function loadVisibleCase(deps: CaseDeps, actor: Principal, idOrReference: string): Promise<CaseRow> {
  const reference = normaliseReference(idOrReference);
  const row = isUuid(idOrReference)
    ? await deps.cases.findCase(idOrReference)
    : /^[0-9]{8,12}$/.test(reference)
      ? await deps.cases.findCaseByReference(reference)
      : undefined;
  if (!row) throw notFound('case');
  requireCaseVisible(actor, row);
  return row;
}

export async function getCaseTimeline(deps: CaseDeps, actor: Principal, idOrReference: string): Promise<TTimelineEntry[]> {
  const row = await loadVisibleCase(deps, actor, idOrReference);
  return (await deps.cases.listTimeline(row.id)).map((e) => ({ ...e, at: e.at.toISOString() }));
}

const toAfter = ({ at, id }: { at: Date; id: string }) => ({ createdAt: at, id });

const parseDate = (value: string | undefined) => (value ? new Date(value) : undefined);

export async function listCases(deps: CaseDeps, actor: Principal, input: unknown) {
  const query = parseInput(ZCaseQuery, input, 'query');
  requirePermission(actor, 'case.read');
  if (query.tenant) requireTenant(actor, query.tenant);
  let phones: string[] | undefined;
  if (query.phone) {
    // National forms are read with the country of each tenant the actor can see.
    const tenants = query.tenant ? [await deps.tenants.findTenant(query.tenant)] : await deps.tenants.listTenants(tenantScope(actor));
    phones = phonesForSearch(query.phone, tenants.flatMap((t) => (t ? [t.country] : [])));
  }
  const rows = await deps.cases.listCases({
    scope: tenantScope(actor),
    assignedUserId: actor.role === 'technician' ? actor.id : undefined,
    tenantId: query.tenant,
    reference: query.reference ? normaliseReference(query.reference) : undefined,
    phones,
    statuses: query.status,
    customerId: query.customer,
    q: query.q,
    from: parseDate(query.from),
    to: parseDate(query.to),
    after: query.cursor ? toAfter(decodeCursor(query.cursor)) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toCase), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.createdAt, page.at(-1)!.id) : null };
}
