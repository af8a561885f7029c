import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import type { ProtocolRepository } from '../protocols/protocol-repository.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import type { KnowledgeRepository } from './knowledge-repository.ts';

export interface KnowledgeDeps {
  db: Database;
  knowledge: KnowledgeRepository;
  tenants: TenantRepository;
  protocols: ProtocolRepository;
  clock: Clock;
  events: EventBus;
}
