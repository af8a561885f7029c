import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import type { CustomerRepository } from '../customers/customer-repository.ts';
import type { ProtocolRepository } from '../protocols/protocol-repository.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import type { CaseRepository } from './case-repository.ts';
import type { ReferenceAllocator } from './reference-allocator.ts';

export interface CaseDeps {
  db: Database;
  cases: CaseRepository;
  customers: CustomerRepository;
  protocols: ProtocolRepository;
  tenants: TenantRepository;
  references: ReferenceAllocator;
  clock: Clock;
  events: EventBus;
  /** Where links in customer messages point (the status page). */
  publicUrl: string;
}
