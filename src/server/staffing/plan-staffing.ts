import { ZErlangCQuery, type TErlangCResult } from '../../shared/api/staffing.ts';
import type { TRole } from '../../shared/common.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { findRequiredAgents, maxAgentsSearched } from './erlang-c.ts';

// Technicians work cases in the field and never plan desk staffing; everyone at the desk may.
const staffingRoles: readonly TRole[] = ['admin', 'manager', 'operator'];

/** Agents needed to answer an interval's calls at a service level, by Erlang C. */
export function planStaffing(actor: Principal, input: unknown): TErlangCResult {
  if (!staffingRoles.includes(actor.role)) throw new AppError('forbidden', `your role (${actor.role}) may not do staffing.read`);
  const query = parseInput(ZErlangCQuery, input, 'query');
  const staffing = findRequiredAgents({ ...query, maxAgents: maxAgentsSearched });
  if (staffing) return staffing;
  // Name what made it absurd: the traffic itself, or an occupancy cap that would need that many heads.
  const withoutCap = findRequiredAgents({ ...query, maxOccupancy: undefined, maxAgents: maxAgentsSearched });
  const field = withoutCap ? 'maxOccupancy' : 'callsPerInterval';
  throw invalidField(field, `would need more than ${maxAgentsSearched} agents`);
}
