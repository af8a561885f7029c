import type { AuthRepository } from '../auth/auth-repository.ts';
import type { CaseRepository } from '../cases/case-repository.ts';
import type { CustomerRepository } from '../customers/customer-repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { ProtocolRepository } from '../protocols/protocol-repository.ts';
import type { TechnicianRepository } from '../technicians/technician-repository.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import type { TravelTimes } from './travel-times.ts';

export interface DispatchDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  log: Logger;
  cases: CaseRepository;
  customers: CustomerRepository;
  protocols: ProtocolRepository;
  tenants: TenantRepository;
  technicians: TechnicianRepository;
  auth: Pick<AuthRepository, 'findUserById'>;
  travel: TravelTimes;
  /** The origin links in messages point to (offers, sign-in, status pages). */
  publicUrl: string;
}

/** A status change made inside a dispatch transaction, announced once it commits. */
export type TStatusChange = { tenantId: string; caseId: string; reference: string; from: string; to: string };

export function emitChanges(deps: Pick<DispatchDeps, 'events'>, changes: readonly TStatusChange[]): void {
  for (const change of changes) deps.events.emit('case.status_changed', change);
}
