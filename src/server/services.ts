import { createAuthRepository } from './auth/auth-repository.ts';
import { createCaseRepository } from './cases/case-repository.ts';
import { loadReferenceKey } from './cases/reference-key.ts';
import { createCustomerRepository } from './customers/customer-repository.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db/database.ts';
import { createEventBus, type EventBus } from './platform/events.ts';
import type { Logger } from './platform/logger.ts';
import { createProtocolRepository } from './protocols/protocol-repository.ts';
import { createTenantRepository } from './tenants/tenant-repository.ts';

/**
 * Everything the use cases may be handed, built once at the composition root. Each use case
 * declares the narrow slice it needs (TenantDeps, CaseDeps, …); this is only the pool they are
 * picked from.
 */
export async function createServices(db: Database, options: { log: Logger; clock: Clock; secureCookies: boolean }) {
  const events: EventBus = createEventBus((error) => options.log.error('event handler failed', { error }));
  return {
    db,
    log: options.log,
    clock: options.clock,
    events,
    secureCookies: options.secureCookies,
    referenceKey: await loadReferenceKey(db),
    auth: createAuthRepository(db),
    tenants: createTenantRepository(db),
    protocols: createProtocolRepository(db),
    customers: createCustomerRepository(db),
    cases: createCaseRepository(db),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
