import type { TRole } from '../../shared/common.ts';
import { AppError, notFound } from '../platform/errors.ts';

/** Who is asking: a signed-in user or an API token, with the tenants they may see. */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  name: string;
  role: TRole;
  allTenants: boolean;
  tenantIds: readonly string[];
}

export type Action =
  | 'tenant.read'
  | 'tenant.manage'
  | 'case.read'
  | 'case.write'
  | 'case.override_duplicate'
  | 'case.assign'
  | 'case.progress_own'
  | 'customer.read'
  | 'customer.write'
  | 'user.manage'
  | 'call.read'
  | 'line.manage'
  | 'knowledge.read'
  | 'knowledge.write'
  | 'report.read'
  | 'report.manage'
  | 'queue.answer'
  | 'queue.read'
  | 'queue.supervise'
  | 'queue.manage';

const permissions: Record<Action, readonly TRole[]> = {
  'tenant.read': ['admin', 'manager', 'operator'],
  'tenant.manage': ['admin'],
  'case.read': ['admin', 'manager', 'operator', 'technician'],
  'case.write': ['admin', 'operator'],
  'case.override_duplicate': ['admin', 'operator'],
  'case.assign': ['admin', 'operator'],
  'case.progress_own': ['technician'],
  'customer.read': ['admin', 'manager', 'operator'],
  'customer.write': ['admin', 'operator'],
  'user.manage': ['admin'],
  'call.read': ['admin', 'manager', 'operator'],
  'line.manage': ['admin'],
  'knowledge.read': ['admin', 'manager', 'operator'],
  'knowledge.write': ['admin'],
  'report.read': ['admin', 'manager'],
  'report.manage': ['admin'],
  'queue.answer': ['operator'],
  'queue.read': ['admin', 'manager', 'operator'],
  'queue.supervise': ['admin', 'manager'],
  'queue.manage': ['admin'],
};

export function can(principal: Principal, action: Action): boolean {
  return permissions[action].includes(principal.role);
}

export function requirePermission(principal: Principal, action: Action): void {
  if (!can(principal, action)) throw new AppError('forbidden', `your role (${principal.role}) may not do ${action}`);
}

export function canSeeTenant(principal: Principal, tenantId: string): boolean {
  return principal.allTenants || principal.tenantIds.includes(tenantId);
}

/** Another tenant's record answers 404, never 403: its existence is not revealed. */
export function requireTenant(principal: Principal, tenantId: string, what = 'tenant'): void {
  if (!canSeeTenant(principal, tenantId)) throw notFound(what);
}

/** The tenants a listing may return, or null for all of them. */
export function tenantScope(principal: Principal): readonly string[] | null {
  return principal.allTenants ? null : principal.tenantIds;
}
