import { canSeeTenant, requirePermission, type Action, type Principal } from '../auth/principal.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { KbEntryRow } from './knowledge-repository.ts';

/** Another tenant's entry is a 404; desk-wide entries are read by all staff and written only by desk-wide admins. */
export function requireEntryAccess(principal: Principal, entry: Pick<KbEntryRow, 'tenantId'> | undefined, action: Action): asserts entry {
  requirePermission(principal, action);
  if (!entry) throw notFound('knowledge entry');
  if (entry.tenantId !== null && !canSeeTenant(principal, entry.tenantId)) throw notFound('knowledge entry');
  if (entry.tenantId === null && action === 'knowledge.write' && !principal.allTenants) {
    throw new AppError('forbidden', 'only a desk-wide administrator may change the shared knowledge base');
  }
}
