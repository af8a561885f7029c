import type { Logger } from '../../platform/logger.ts';
import { parseNameAddr, parseSipUri, type SipUri } from './sip-address.ts';
import { answerDigestChallenge, normaliseAlgorithm, parseDigestHeader, type DigestClientState } from './sip-digest.ts';
import { createEmitter } from './sip-events.ts';
import { newCallId, newTag } from './sip-ids.ts';
import { findHeader, getHeaderValues, type SipHeader, type SipRequest, type SipResponse } from './sip-message.ts';
import { createNamedTimers, type SipTimers } from './sip-timers.ts';
import type { SipRequestOutcome } from './sip-user-agent.ts';

export interface SipRegistrationOptions {
  /** Sends a REGISTER in a client transaction (the user agent's `request`). */
  send: (request: SipRequest) => Promise<SipRequestOutcome>;
  timers: SipTimers;
  log: Logger;
  /** Request-URI of the REGISTER, e.g. `sip:sip.provider.example`. */
  registrar: string;
  /** Address of record; defaults to `sip:<username>@<registrar host>`. */
  aor?: string;
  username: string;
  /** When the provider's auth user differs from the AOR user. */
  authUsername?: string;
  password: string;
  /** Our Contact URI, as the user agent reports it. */
  contact: string;
  expires?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export type SipRegistrationEvents = {
  registered: { expires: number };
  failed: { status?: number; reason: string; retryInMs: number };
  unregistered: { reason: 'stopped' };
};

export type SipRegistrationState = 'idle' | 'registering' | 'registered' | 'failed' | 'stopped';

export interface SipRegistration {
  readonly state: SipRegistrationState;
  start(): void;
  /** Removes our binding (Expires: 0) when one may exist, then stops refreshing. */
  stop(): Promise<void>;
  on<K extends keyof SipRegistrationEvents>(event: K, listener: (payload: SipRegistrationEvents[K]) => void): () => void;
}

type AuthState = DigestClientState & { header: 'Authorization' | 'Proxy-Authorization' };
type Attempt = { kind: 'registered'; expires: number } | { kind: 'failed'; status?: number; reason: string };

/** Refresh well before expiry: at 90 %, but at least 30 s early, and never sooner than half-way. */
export function refreshDelaySeconds(expires: number): number {
  return Math.max(expires / 2, Math.min(expires * 0.9, expires - 30));
}

/** Registrars echo every binding of the AOR; ours is the one with our user, host and port (RFC 3261 10.2.4). */
function sameContact(x: SipUri, y: SipUri | undefined): boolean {
  return !!y && x.user === y.user && x.host.toLowerCase() === y.host.toLowerCase() && (x.port ?? 5060) === (y.port ?? 5060);
}

/** Client registration (RFC 3261 10.2) with digest authentication, refresh, and retry with exponential backoff. */
export function createSipRegistration(options: SipRegistrationOptions): SipRegistration {
  const { log } = options;
  const registrarUri = parseSipUri(options.registrar);
  if (!registrarUri) throw new RangeError(`registrar ${options.registrar} is not a SIP URI`);
  const ownContact = parseSipUri(options.contact);
  const aor = options.aor ?? `sip:${options.username}@${registrarUri.host}`;
  const requestedExpires = options.expires ?? 3600;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const retryMaxMs = options.retryMaxMs ?? 300_000;
  const timers = createNamedTimers(options.timers);
  const events = createEmitter<SipRegistrationEvents>((error, event) => log.error('sip registration listener failed', { event, error }));
  const callId = newCallId();
  const fromTag = newTag();
  let cseq = 0;
  let auth: AuthState | undefined;
  let state: SipRegistrationState = 'idle';
  let failures = 0;
  let mayBeBound = false;
  let inFlight: Promise<void> = Promise.resolve();

  function buildRegister(expires: number): SipRequest {
    cseq += 1;
    const headers: SipHeader[] = [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: `<${aor}>;tag=${fromTag}` },
      { name: 'To', value: `<${aor}>` },
      { name: 'Call-ID', value: callId },
      { name: 'CSeq', value: `${cseq} REGISTER` },
      { name: 'Contact', value: `<${options.contact}>` },
      { name: 'Expires', value: String(expires) },
    ];
    if (auth) {
      const credentials = { username: options.authUsername ?? options.username, password: options.password };
      const value = answerDigestChallenge(auth, credentials, 'REGISTER', options.registrar);
      if (value) headers.push({ name: auth.header, value });
    }
    return { type: 'request', method: 'REGISTER', uri: options.registrar, headers, body: '' };
  }

  function grantedExpires(response: SipResponse, asked: number): number {
    for (const value of getHeaderValues(response, 'Contact')) {
      const contact = parseNameAddr(value);
      const expires = contact?.params.get('expires');
      if (contact && expires && /^\d+$/.test(expires) && sameContact(contact.uri, ownContact)) {
        return Number(expires);
      }
    }
    const header = findHeader(response, 'Expires');
    return header && /^\d+$/.test(header.trim()) ? Number(header.trim()) : asked;
  }

  /** One REGISTER exchange, answering up to two challenges (a fresh one, then a stale nonce). */
  async function attempt(expires: number): Promise<Attempt> {
    let asked = expires;
    for (let round = 0; round < 4; round++) {
      const answeredNonce = auth?.challenge.params.get('nonce');
      const outcome = await options.send(buildRegister(asked));
      if (outcome.kind !== 'response') return { kind: 'failed', reason: outcome.kind };
      const response = outcome.response;
      if (response.status >= 200 && response.status < 300) return { kind: 'registered', expires: asked === 0 ? 0 : grantedExpires(response, asked) };
      if (response.status === 401 || response.status === 407) {
        const header = response.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
        const challenge = getHeaderValues(response, header)
          .map(parseDigestHeader)
          .find((c) => c?.scheme.toLowerCase() === 'digest' && normaliseAlgorithm(c.params.get('algorithm')) !== undefined);
        const stale = challenge?.params.get('stale')?.toLowerCase() === 'true';
        if (!challenge || (answeredNonce !== undefined && !stale && challenge.params.get('nonce') === answeredNonce)) {
          auth = undefined;
          return { kind: 'failed', status: response.status, reason: 'authentication rejected' };
        }
        auth = { challenge, nonceCount: 0, header: response.status === 401 ? 'Authorization' : 'Proxy-Authorization' };
        continue;
      }
      const minExpires = Number(findHeader(response, 'Min-Expires') ?? 'NaN');
      if (response.status === 423 && Number.isInteger(minExpires) && minExpires > asked) {
        asked = minExpires;
        continue;
      }
      return { kind: 'failed', status: response.status, reason: response.reason || 'refused' };
    }
    return { kind: 'failed', reason: 'too many challenges' };
  }

  function run(): void {
    inFlight = inFlight.then(async () => {
      if (state === 'stopped') return;
      state = 'registering';
      mayBeBound = true;
      const result = await attempt(requestedExpires);
      if ((state as SipRegistrationState) === 'stopped') return;
      if (result.kind === 'registered' && result.expires > 0) {
        failures = 0;
        state = 'registered';
        log.info('sip registered', { aor, expires: result.expires });
        timers.start('refresh', refreshDelaySeconds(result.expires) * 1000, run);
        events.emit('registered', { expires: result.expires });
        return;
      }
      const retryInMs = Math.min(retryMaxMs, retryBaseMs * 2 ** failures);
      failures += 1;
      state = 'failed';
      const failure = result.kind === 'failed' ? result : { reason: 'registrar granted no time' };
      log.warn('sip registration failed', { aor, ...failure, retryInMs });
      timers.start('retry', retryInMs, run);
      events.emit('failed', { ...failure, retryInMs });
    });
  }

  return {
    get state() {
      return state;
    },
    start() {
      if (state !== 'idle') return;
      run();
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      timers.stopAll();
      await inFlight;
      if (mayBeBound) {
        const result = await attempt(0);
        if (result.kind === 'failed') log.warn('sip unregister failed', { aor, ...result });
      }
      events.emit('unregistered', { reason: 'stopped' });
    },
    on: (event, listener) => events.on(event, listener),
  };
}
