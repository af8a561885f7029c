import type { TTechnician } from '../dispatch/technician-index.ts';
import type { Clock } from '../platform/clock.ts';
import type { TechnicianRepository, TechnicianRow } from './technician-repository.ts';

export function toDispatchTechnician(row: TechnicianRow & { jobsToday: number }): TTechnician {
  return {
    id: row.id,
    tenantIds: row.tenantIds,
    skills: row.skills,
    brands: row.brands,
    certifications: row.certifications,
    home: { lat: row.homeLat, lon: row.homeLon },
    ...(row.lastLat !== null && row.lastLon !== null && row.lastPositionAt
      ? { lastPosition: { lat: row.lastLat, lon: row.lastLon, at: row.lastPositionAt } }
      : {}),
    zone: row.zone,
    timeZone: row.timeZone,
    hours: row.hours,
    exceptions: row.exceptions,
    onCall: row.onCall,
    dailyCapacity: row.dailyCapacity,
    jobsToday: row.jobsToday,
    state: row.state,
    ...(row.lastAssignedAt ? { lastAssignedAt: row.lastAssignedAt } : {}),
  };
}

/**
 * The active technicians of a tenant as the dispatch core reads them (`chooseTechnician`,
 * `indexTechnicians`). Internal to the desk: whoever dispatches has already been checked, and
 * the roster carries no personal data beyond what scoring needs.
 */
export async function loadDispatchRoster(deps: { technicians: TechnicianRepository; clock: Clock }, tenantId: string): Promise<TTechnician[]> {
  const rows = await deps.technicians.listRoster(tenantId, deps.clock.now());
  return rows.map(toDispatchTechnician);
}
