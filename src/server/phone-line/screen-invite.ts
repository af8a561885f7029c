import type { TLine, TTenant } from '../../shared/api/tenants.ts';
import type { Logger } from '../platform/logger.ts';
import type { TtlCache } from '../platform/ttl-cache.ts';
import { findLineForDialled } from '../tenants/find-line-for-dialled.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import { findDialledNumber } from '../telephony/sip/sip-call-identity.ts';
import type { DigestServer } from '../telephony/sip/sip-digest.ts';
import { findHeader, type SipRequest } from '../telephony/sip/sip-message.ts';
import type { InviteDecision } from '../telephony/sip/sip-user-agent.ts';
import type { SipSource } from '../telephony/sip/sip-transport-types.ts';
import { admitInbound } from '../trunks/admit-inbound.ts';
import type { TrunkRepository, TrunkRow } from '../trunks/trunk-repository.ts';

export interface ScreenedCall {
  tenant: TTenant;
  line: TLine;
  trunkId: string | null;
}

export interface InviteScreenerDeps {
  tenants: TenantRepository;
  trunks: TrunkRepository;
  trunkCache: TtlCache<TrunkRow[]>;
  digest: DigestServer;
  log: Logger;
}

/**
 * Decides, before any dialog exists, whether an INVITE may become a call: who is calling
 * (trunk allow-list or digest credentials) and which tenant's line was dialled. The result of
 * an accepted screening is kept by Call-ID for the call that follows.
 */
export function createInviteScreener(deps: InviteScreenerDeps) {
  const accepted = new Map<string, ScreenedCall & { at: number }>();

  async function screen(request: SipRequest, source: SipSource): Promise<InviteDecision> {
    const trunks = await deps.trunkCache.get('all', () => deps.trunks.listTrunks());
    const admission = admitInbound(trunks, source.address);
    let trunkId: string | null = null;
    if (admission.kind === 'refused') return { status: 403, reason: 'Forbidden' };
    if (admission.kind === 'trunk') trunkId = admission.trunk.id;
    if (admission.kind === 'credentials') {
      const verdict = deps.digest.verify(findHeader(request, 'authorization'), request.method, (username, algorithm) => {
        const trunk = admission.candidates.find((t) => t.authUsername === username);
        const ha1 = algorithm.startsWith('SHA-256') ? trunk?.authHa1Sha256 : trunk?.authHa1Md5;
        return ha1 ? { ha1 } : undefined;
      });
      if (!verdict.ok) {
        if (verdict.reason !== 'missing') deps.log.warn('sip digest refused', { reason: verdict.reason, source: source.address });
        return {
          status: 401,
          reason: 'Unauthorized',
          headers: deps.digest.challenge(verdict.stale).map((value) => ({ name: 'WWW-Authenticate', value })),
        };
      }
      trunkId = admission.candidates.find((t) => t.authUsername === verdict.username)?.id ?? null;
    }
    const dialled = findDialledNumber(request);
    const found = dialled ? await findLineForDialled(deps, dialled) : undefined;
    if (!found) return { status: 404, reason: 'Not Found' };
    const callId = findHeader(request, 'call-id') ?? '';
    // An accepted INVITE normally becomes a call at once; anything left a minute later never will.
    const now = Date.now();
    for (const [key, entry] of accepted) if (now - entry.at > 60_000) accepted.delete(key);
    accepted.set(callId, { ...found, trunkId, at: now });
    return 'accept';
  }

  return {
    screen,
    /** Hands the screening result to the call and forgets it. */
    take(callId: string): ScreenedCall | undefined {
      const found = accepted.get(callId);
      accepted.delete(callId);
      return found;
    },
  };
}
