import type { TFieldJob, TFieldOverview } from '../../shared/api/field.ts';
import type { Principal } from '../auth/principal.ts';
import { createDispatchRepository } from '../dispatch/dispatch-repository.ts';
import type { DispatchDeps } from '../dispatch/dispatch-deps.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { localTime } from '../tenants/business-hours.ts';
import type { TechnicianRow } from '../technicians/technician-repository.ts';
import type { ProtocolRow } from '../protocols/protocol-repository.ts';
import { createFieldRepository, type FieldJobRow } from './field-repository.ts';

/** The mobile view is the technician's own: only a technician account with a record reaches it. */
export async function requireFieldTechnician(deps: Pick<DispatchDeps, 'technicians'>, actor: Principal): Promise<TechnicianRow> {
  if (actor.kind !== 'user' || actor.role !== 'technician') throw new AppError('forbidden', 'the mobile view is for technicians');
  const technician = await deps.technicians.findTechnicianByUser(actor.id);
  if (!technician) throw notFound('technician');
  return technician;
}

const brandOf = (row: FieldJobRow): string | null => {
  const brand = row.intake.brand;
  return typeof brand === 'string' && brand ? brand : row.assetBrand;
};

export function toFieldJob(row: FieldJobRow, applianceLabels: Record<string, string> | null): TFieldJob {
  return {
    caseId: row.caseId, reference: row.reference, tenantName: row.tenantName, status: row.status, applianceType: row.applianceType, applianceLabels,
    brand: brandOf(row), priority: row.priority, description: row.description, customerName: row.customerName, customerPhone: row.customerPhone,
    address: row.street ? `${row.street}, ${row.city ?? ''}`.replace(/, $/, '') : null, accessNotes: row.accessNotes || null,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null, updatedAt: row.updatedAt.toISOString(),
  };
}

/** Midnight in the technician's zone, as an instant: "today" is theirs, not the server's. */
function localMidnight(at: Date, timeZone: string): Date {
  const { time } = localTime(at, timeZone);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(at.getTime() - (h * 60 + m) * 60_000 - at.getUTCSeconds() * 1000 - at.getUTCMilliseconds());
}

/** The appliance's labels from the case's own protocol version; jobs of several tenants, several protocols. */
function labelReader(deps: Pick<DispatchDeps, 'protocols'>) {
  const protocols = new Map<string, Promise<ProtocolRow | undefined>>();
  return async (row: FieldJobRow): Promise<Record<string, string> | null> => {
    if (!protocols.has(row.protocolId)) protocols.set(row.protocolId, deps.protocols.findById(row.protocolId));
    const protocol = await protocols.get(row.protocolId);
    const field = protocol?.intakeSchema.fields.find((f) => f.meaning === 'appliance_type');
    const option = field && 'options' in field ? field.options?.find((o) => o.value === row.applianceType) : undefined;
    return option?.labels ? Object.fromEntries(Object.entries(option.labels).filter((e): e is [string, string] => typeof e[1] === 'string')) : null;
  };
}

export async function getFieldOverview(deps: DispatchDeps, actor: Principal): Promise<TFieldOverview> {
  const technician = await requireFieldTechnician(deps, actor);
  const now = deps.clock.now();
  const field = createFieldRepository(deps.db);
  const pending = (await createDispatchRepository(deps.db).listPendingOffersOfTechnician(technician.id)).filter((o) => o.expiresAt > now);
  const labels = labelReader(deps);
  const offers = [];
  for (const offer of pending) {
    const job = (await field.findJob(offer.caseId))!;
    const view = toFieldJob(job, await labels(job));
    offers.push({
      id: offer.id, caseId: offer.caseId, reference: view.reference, tenantName: view.tenantName, applianceType: view.applianceType,
      applianceLabels: view.applianceLabels, brand: view.brand,
      priority: view.priority, description: view.description, address: view.address, expiresAt: offer.expiresAt.toISOString(),
    });
  }
  const jobs = [];
  for (const row of await field.listJobs(actor.id, localMidnight(now, technician.timeZone))) jobs.push(toFieldJob(row, await labels(row)));
  return { technician: { id: technician.id, name: technician.name, state: technician.state }, offers, jobs };
}
