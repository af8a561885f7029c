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
import { createKnowledgeRepository } from './knowledge/knowledge-repository.ts';
import { createRateLimiter } from './platform/rate-limiter.ts';
import { greatCircleOnly, type TravelTimes } from './dispatch/travel-times.ts';
import { createSipAccountRepository } from './registrar/sip-account-repository.ts';
import { createAcd } from './acd/acd.ts';
import { systemTimers, type AcdTimers } from './acd/acd-context.ts';
import { createAcdRepository } from './acd/acd-repository.ts';

/**
 * Everything the use cases may be handed, built once at the composition root. Each use case
 * declares the narrow slice it needs (TenantDeps, CaseDeps, …); this is only the pool they are
 * picked from.
 */
export async function createServices(
  db: Database,
  options: {
    log: Logger; clock: Clock; secureCookies: boolean; publicUrl?: string; travel?: TravelTimes; smsAuthToken?: string; acdTimers?: AcdTimers;
  },
) {
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
    publicUrl: options.publicUrl ?? 'http://localhost:8080',
    travel: options.travel ?? greatCircleOnly,
    /** Checks the signature of inbound SMS webhooks (replies to offers); without it they are refused. */
    smsAuthToken: options.smsAuthToken,
    references: createReferenceAllocator(await loadReferenceKey(db)),
    customers: createCustomerRepository(db),
    cases: createCaseRepository(db),
    calls: createCallRepository(db),
    trunks: createTrunkRepository(db),
    notifications: createNotificationRepository(db),
    technicians: createTechnicianRepository(db),
    sipAccounts: createSipAccountRepository(db),
    knowledge: createKnowledgeRepository(db),
    portalLimits: portalLimits(options.clock),
    statusFloorMs: 150,
  };
}

/** The public portal's budgets: generous for a person, slow for a script guessing references. */
function portalLimits(clock: Clock) {
  const minute = 60_000;
  return {
    perAddress: createRateLimiter({ limit: 300, windowMs: minute, clock }),
    lookupsPerAddress: createRateLimiter({ limit: 20, windowMs: 10 * minute, clock }),
    lookupsPerReference: createRateLimiter({ limit: 5, windowMs: 60 * minute, clock }),
    casesPerAddress: createRateLimiter({ limit: 10, windowMs: 60 * minute, clock }),
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
