import type { CaseDeps } from '../cases/case-deps.ts';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository.ts';
import type { RateLimiter } from '../platform/rate-limiter.ts';

export interface PortalLimits {
  /** Every portal request per client address. */
  perAddress: RateLimiter;
  /** Status look-ups per client address. */
  lookupsPerAddress: RateLimiter;
  /** Status look-ups per reference, whoever asks: a reference cannot be paired with guessed phones. */
  lookupsPerReference: RateLimiter;
  /** Cases opened per client address. */
  casesPerAddress: RateLimiter;
}

export interface PortalDeps extends CaseDeps {
  knowledge: KnowledgeRepository;
  portalLimits: PortalLimits;
  /** Every status answer takes at least this long, found or not, so timing tells nothing. */
  statusFloorMs: number;
}
