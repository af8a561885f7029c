import { createAuthRepository } from './auth/auth-repository.ts';
import { createCallRepository } from './calls/call-repository.ts';
import { createCaseRepository } from './cases/case-repository.ts';
import { loadReferenceKey } from './cases/reference-key.ts';
import { createReferenceAllocator } from './cases/reference-allocator.ts';
import { createCustomerRepository } from './customers/customer-repository.ts';
import { createNotificationRepository } from './notifications/notification-repository.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db/database.ts';
import { createEventBus, type EventBus } from './platform/events.ts';
import type { Logger } from './platform/logger.ts';
import { createProtocolRepository } from './protocols/protocol-repository.ts';
import { createTechnicianRepository } from './technicians/technician-repository.ts';
import { createTenantRepository } from './tenants/tenant-repository.ts';
import { createTtlCache } from './platform/ttl-cache.ts';
import { createTrunkRepository } from './trunks/trunk-repository.ts';
import { createSipAccountRepository } from './registrar/sip-account-repository.ts';
import { createAcd } from './acd/acd.ts';
import { systemTimers, type AcdTimers } from './acd/acd-context.ts';
import { createAcdRepository } from './acd/acd-repository.ts';

/**
 * Everything the use cases may be handed, built once at the composition root. Each use case
 * declares the narrow slice it needs (TenantDeps, CaseDeps, …); this is only the pool they are
 * picked from.
 */
export async function createServices(db: Database, options: { log: Logger; clock: Clock; secureCookies: boolean; acdTimers?: AcdTimers }) {
  const events: EventBus = createEventBus((error) => options.log.error('event handler failed', { error }));
  const lookups = cachedLookups(db, events);
  // The operators' queues; the composition root starts them once the phone line is up.
  const queues = createAcdRepository(db);
  const acd = createAcd({
    db, repo: queues, clock: options.clock, timers: options.acdTimers ?? systemTimers, events, log: options.log.child({ part: 'acd' }),
    lineNumberOf: async (tenantId) => (await lookups.tenants.listLines(tenantId))[0]?.number,
  });
  return {
    ...lookups,
    queues,
    acd,
    db,
    log: options.log,
    clock: options.clock,
    events,
    secureCookies: options.secureCookies,
    references: createReferenceAllocator(await loadReferenceKey(db)),
    customers: createCustomerRepository(db),
    cases: createCaseRepository(db),
    calls: createCallRepository(db),
    trunks: createTrunkRepository(db),
    notifications: createNotificationRepository(db),
    technicians: createTechnicianRepository(db),
    sipAccounts: createSipAccountRepository(db),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

/**
 * Tenants, protocols in force and API tokens are read on every request and change rarely:
 * they are kept for a few seconds, and this process forgets its own changes at once.
 */
function cachedLookups(db: Database, events: EventBus) {
  const tenants = createTenantRepository(db);
  const protocols = createProtocolRepository(db);
  const auth = createAuthRepository(db);
  const tenantCache = createTtlCache<Awaited<ReturnType<typeof tenants.findTenant>>>(5_000);
  const protocolCache = createTtlCache<Awaited<ReturnType<typeof protocols.findInForce>>>(5_000);
  const tokenCache = createTtlCache<Awaited<ReturnType<typeof auth.findApiToken>>>(10_000);
  events.on('tenant.updated', ({ tenantId }) => tenantCache.delete(tenantId));
  events.on('protocol.published', ({ tenantId }) => protocolCache.delete(tenantId));
  return {
    tenants: { ...tenants, findTenant: (id: string) => tenantCache.get(id, () => tenants.findTenant(id)) },
    protocols: { ...protocols, findInForce: (tenantId: string) => protocolCache.get(tenantId, () => protocols.findInForce(tenantId)) },
    auth: { ...auth, findApiToken: (hash: string) => tokenCache.get(hash, () => auth.findApiToken(hash)) },
  };
}
