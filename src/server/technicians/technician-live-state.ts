import type { z } from 'zod';
import { ZReportPosition, ZSetTechnicianState } from '../../shared/api/technicians.ts';
import type { Principal } from '../auth/principal.ts';
import { invalidField } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { presentTechnician } from './manage-technicians.ts';
import { loadTechnician, type TechnicianDeps } from './technician-access.ts';

/** A phone's clock may run a little ahead of the server's; more than this is a wrong timestamp. */
export const positionClockSkewMs = 30_000;

/** Free, on a job or off: set by the technician from the mobile view, or by whoever dispatches. */
export async function setTechnicianState(deps: TechnicianDeps, actor: Principal, tenantId: string, id: string, input: z.input<typeof ZSetTechnicianState>) {
  const data = parseInput(ZSetTechnicianState, input, 'state');
  await loadTechnician(deps, actor, tenantId, id, 'live');
  await deps.technicians.setState(id, data.state);
  return presentTechnician(deps, actor, id);
}

/**
 * The last known position, sent by the mobile view. A fix older than the one stored is accepted
 * but does not replace it, so the answer always shows the newest position.
 */
export async function reportTechnicianPosition(deps: TechnicianDeps, actor: Principal, tenantId: string, id: string, input: z.input<typeof ZReportPosition>) {
  const data = parseInput(ZReportPosition, input, 'position');
  const now = deps.clock.now();
  const at = data.at ? new Date(data.at) : now;
  if (at.getTime() > now.getTime() + positionClockSkewMs) throw invalidField('at', 'is in the future');
  await loadTechnician(deps, actor, tenantId, id, 'live');
  await deps.technicians.recordPosition(id, { lat: data.lat, lon: data.lon, at });
  return presentTechnician(deps, actor, id);
}
