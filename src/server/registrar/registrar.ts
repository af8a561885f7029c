import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { parseDigestHeader, type DigestServer } from '../telephony/sip/sip-digest.ts';
import { findHeader, type SipHeader, type SipRequest } from '../telephony/sip/sip-message.ts';
import type { SipConnection, SipSource } from '../telephony/sip/sip-transport-types.ts';
import { parseRegister, type ExpiryLimits } from './register-request.ts';
import type { SipAccountRepository, SipAccountRow, SipBindingRow } from './sip-account-repository.ts';

export interface RegisterAnswer {
  status: number;
  reason: string;
  headers: SipHeader[];
}

export interface RegistrationStatus {
  registered: boolean;
  /** The most recently refreshed contact, for the console. */
  contact?: string;
  userAgent?: string;
}

/** A live binding plus, for TCP, the connection it arrived on: requests to the phone reuse it while open. */
export interface LiveBinding extends SipBindingRow {
  connection?: SipConnection;
}

export interface RegistrarDeps {
  db: Database;
  accounts: SipAccountRepository;
  /** Verifies every algorithm it offers (SHA-256 and MD5) and challenges with all of them. */
  digest: DigestServer;
  /**
   * Same realm and secret, challenging with MD5 alone: for phones that give up on a challenge list they
   * cannot fully parse (libre-based ones such as baresip fail with ENOSYS on a SHA-256 header).
   */
  md5OnlyDigest?: DigestServer;
  md5OnlyUserAgents?: RegExp;
  clock: Clock;
  log: Logger;
  limits?: Partial<ExpiryLimits>;
  /** An extension gained its first live binding or lost its last one. */
  onRegistrationChanged?(extension: string, registered: boolean): void;
}

const defaultLimits: ExpiryLimits = { minSeconds: 60, maxSeconds: 3600, defaultSeconds: 3600 };
/** Wrong answers from one source for one extension before that source is refused for a while. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 300_000;

/**
 * The line's registrar (RFC 3261 10.3): digest-authenticated REGISTERs from operators' phones, their
 * bindings written to the database before the 200 (so a restart keeps them) and mirrored in memory, where
 * ringing an operator looks them up without a query.
 */
export function createRegistrar(deps: RegistrarDeps) {
  const limits = { ...defaultLimits, ...deps.limits };
  const bindings = new Map<string, LiveBinding[]>();
  const now = () => deps.clock.now();
  // Password guessing is refused per source (address and port) and extension, so neither a guesser nor a
  // phone with a stale password locks out the operator's own phone, even behind the same NAT address.
  const failures = new Map<string, { count: number; since: number }>();
  const failureKey = (source: SipSource, extension: string) => `${source.address}|${source.port}|${extension}`;
  const blocked = (key: string): boolean => {
    const entry = failures.get(key);
    if (!entry) return false;
    if (now().getTime() - entry.since > FAILURE_WINDOW_MS) {
      failures.delete(key);
      return false;
    }
    return entry.count >= MAX_FAILURES;
  };
  const countFailure = (key: string): void => {
    const entry = failures.get(key);
    if (entry && now().getTime() - entry.since <= FAILURE_WINDOW_MS) entry.count++;
    else failures.set(key, { count: 1, since: now().getTime() });
  };

  const live = (extension: string): LiveBinding[] => {
    const at = now().getTime();
    return (bindings.get(extension) ?? []).filter((b) => b.expiresAt.getTime() > at);
  };

  function replaceBindings(extension: string, next: LiveBinding[]): void {
    const before = (bindings.get(extension) ?? []).length > 0;
    if (next.length > 0) bindings.set(extension, next);
    else bindings.delete(extension);
    if (before !== next.length > 0) deps.onRegistrationChanged?.(extension, next.length > 0);
  }

  const md5Only = deps.md5OnlyUserAgents ?? /baresip|libre/i;
  const challenge = (request: SipRequest, stale = false): RegisterAnswer => {
    const server = deps.md5OnlyDigest && md5Only.test(findHeader(request, 'User-Agent') ?? '') ? deps.md5OnlyDigest : deps.digest;
    return { status: 401, reason: 'Unauthorized', headers: server.challenge(stale).map((value) => ({ name: 'WWW-Authenticate', value })) };
  };

  const contactHeaders = (extension: string): SipHeader[] => {
    const at = now().getTime();
    return live(extension).map((b) => ({ name: 'Contact', value: `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt.getTime() - at) / 1000))}` }));
  };

  /** Checks the digest against the AOR's account; the same 401 whatever was wrong, so nothing leaks. */
  async function authenticate(request: SipRequest, owner: SipAccountRow): Promise<'ok' | RegisterAnswer> {
    const authorization = findHeader(request, 'Authorization');
    if (authorization === undefined) return challenge(request);
    const claimed = parseDigestHeader(authorization)?.params.get('username');
    const account = claimed === undefined ? undefined : await deps.accounts.findByUsername(claimed);
    const result = deps.digest.verify(authorization, 'REGISTER', (username, algorithm) =>
      account && account.username === username ? { ha1: algorithm.startsWith('SHA-256') ? account.ha1Sha256 : account.ha1Md5 } : undefined,
    );
    if (!result.ok) {
      deps.log.info('sip register refused', { extension: owner.extension, reason: result.reason });
      return challenge(request, result.stale);
    }
    // Right password, but for another operator's phone number.
    if (account?.userId !== owner.userId) return { status: 403, reason: 'Forbidden', headers: [] };
    return 'ok';
  }

  return {
    /** Loads the bindings still live from the database (at start) and forgets those that expired. */
    async load(): Promise<number> {
      await deps.accounts.deleteExpiredBindings(now());
      const rows = await deps.accounts.listLiveBindings(now());
      bindings.clear();
      for (const row of rows) bindings.set(row.extension, [...(bindings.get(row.extension) ?? []), row]);
      for (const extension of bindings.keys()) deps.onRegistrationChanged?.(extension, true);
      return rows.length;
    },

    async handleRegister(request: SipRequest, source: SipSource): Promise<RegisterAnswer> {
      const parsed = parseRegister(request, limits);
      if (!parsed.ok) {
        const failure = parsed.failure;
        return failure.status === 423
          ? { status: 423, reason: failure.reason, headers: [{ name: 'Min-Expires', value: String(failure.minExpires) }] }
          : { status: 400, reason: failure.reason, headers: [] };
      }
      const register = parsed.value;
      const owner = (await deps.accounts.findByExtension(register.aorUser)) ?? (await deps.accounts.findByUsername(register.aorUser));
      if (!owner) return { status: 404, reason: 'Not Found', headers: [] };
      const key = failureKey(source, owner.extension);
      if (blocked(key)) return { status: 403, reason: 'Forbidden', headers: [] };
      const auth = await authenticate(request, owner);
      // A request without credentials is the normal first step, not a failure.
      if (auth !== 'ok' && findHeader(request, 'Authorization') !== undefined) countFailure(key);
      if (auth !== 'ok') return auth;
      failures.delete(key);
      const extension = owner.extension;
      if (register.kind === 'query') return { status: 200, reason: 'OK', headers: contactHeaders(extension) };

      const current = live(extension);
      // RFC 3261 10.3 step 7: a binding refreshed by an older request of the same Call-ID is out of order.
      const outOfOrder = register.kind === 'update' && register.contacts.some((c) => {
        const known = current.find((b) => b.contact === c.uri);
        return known !== undefined && known.callId === register.callId && known.cseq >= register.cseq;
      });
      if (outOfOrder) return { status: 500, reason: 'Server Internal Error: CSeq out of order', headers: [] };

      const at = now();
      const userAgent = (findHeader(request, 'User-Agent') ?? '').slice(0, 200);
      const contacts = register.kind === 'update' ? register.contacts : [];
      const upsert: LiveBinding[] = contacts
        .filter((c) => c.expiresSeconds > 0)
        .map((c) => ({
          extension, contact: c.uri, expiresAt: new Date(at.getTime() + c.expiresSeconds * 1000), callId: register.callId, cseq: register.cseq,
          userAgent, transport: source.transport, sourceAddress: source.address, sourcePort: source.port,
          ...(source.connection ? { connection: source.connection } : {}),
        }));
      const remove = contacts.filter((c) => c.expiresSeconds === 0).map((c) => c.uri);
      const removeAll = register.kind === 'remove-all';
      await deps.db.transaction((tx) =>
        deps.accounts.applyRegister(tx, extension, { removeAll, remove, upsert: upsert.map(({ connection: _c, ...row }) => row) }, at),
      );
      const kept = removeAll ? [] : current.filter((b) => !remove.includes(b.contact) && !upsert.some((u) => u.contact === b.contact));
      replaceBindings(extension, [...kept, ...upsert]);
      deps.log.info('sip registered', { extension, contacts: kept.length + upsert.length, transport: source.transport });
      return { status: 200, reason: 'OK', headers: [...contactHeaders(extension), { name: 'Date', value: at.toUTCString() }] };
    },

    /** Live contacts of an extension, most recently refreshed first. */
    contactsOf(extension: string): LiveBinding[] {
      return [...live(extension)].sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
    },

    isRegistered: (extension: string) => live(extension).length > 0,

    statusOf(extension: string): RegistrationStatus {
      const newest = [...live(extension)].sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
      return newest ? { registered: true, contact: newest.contact, userAgent: newest.userAgent } : { registered: false };
    },

    /** Drops bindings whose time ran out (reporting extensions left with none) and old failure counts; run every few seconds. */
    sweep(): void {
      for (const [key, entry] of failures) if (now().getTime() - entry.since > FAILURE_WINDOW_MS) failures.delete(key);
      for (const [extension, list] of [...bindings]) {
        const still = live(extension);
        if (still.length !== list.length) replaceBindings(extension, still);
      }
    },
  };
}

export type Registrar = ReturnType<typeof createRegistrar>;
