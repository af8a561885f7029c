import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { splitOutsideQuotes } from './sip-address.ts';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestParams {
  scheme: string;
  params: Map<string, string>;
}

/** Parses `Digest realm="x", nonce="y", qop="auth"` (WWW-Authenticate or Authorization); names are lower-cased. */
export function parseDigestHeader(value: string): DigestParams | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9-]*)\s+(.*)$/s.exec(value);
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const params = new Map<string, string>();
  for (const part of splitOutsideQuotes(match[2], ',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const name = part.slice(0, eq).trim().toLowerCase();
    let text = part.slice(eq + 1).trim();
    if (text.startsWith('"')) {
      if (text.length < 2 || !text.endsWith('"')) return undefined;
      text = text.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (!/^[a-z0-9-]+$/.test(name) || params.has(name)) return undefined;
    params.set(name, text);
  }
  return { scheme: match[1], params };
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function baseAlgorithm(algorithm: DigestAlgorithm): 'md5' | 'sha256' {
  return algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
}

export function digestHash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(baseAlgorithm(algorithm)).update(text, 'utf8').digest('hex');
}

export function normaliseAlgorithm(text: string | undefined): DigestAlgorithm | undefined {
  const wanted = (text ?? 'MD5').toUpperCase();
  return (['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const).find((a) => a.toUpperCase() === wanted);
}

/** HA1 = H(username:realm:password), what a user store may keep instead of the password (RFC 2617 3.2.2.2). */
export function computeHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return digestHash(algorithm, `${username}:${realm}:${password}`);
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  /** H(username:realm:password), before any -sess step. */
  ha1: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

/** The `response` value of RFC 2617 3.2.2.1 / RFC 7616 3.4.1 (qop=auth or none). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm } = input;
  const ha1 = algorithm.endsWith('-sess') ? digestHash(algorithm, `${input.ha1}:${input.nonce}:${input.cnonce ?? ''}`) : input.ha1;
  const ha2 = digestHash(algorithm, `${input.method}:${input.uri}`);
  const tail = input.qop ? `${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}` : input.nonce;
  return digestHash(algorithm, `${ha1}:${tail}:${ha2}`);
}

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestClientState {
  challenge: DigestParams;
  nonceCount: number;
}

/**
 * Answers a 401 WWW-Authenticate / 407 Proxy-Authenticate challenge (client side), for qop=auth or the
 * RFC 2069 form without qop. Undefined for schemes, algorithms or qop values we cannot satisfy.
 */
export function answerDigestChallenge(
  state: DigestClientState,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  cnonce = randomBytes(8).toString('hex'),
): string | undefined {
  const { params, scheme } = state.challenge;
  const algorithm = normaliseAlgorithm(params.get('algorithm'));
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (scheme.toLowerCase() !== 'digest' || !algorithm || realm === undefined || nonce === undefined) return undefined;
  const qopOptions = params.get('qop')?.split(',').map((q) => q.trim().toLowerCase());
  if (qopOptions && !qopOptions.includes('auth')) return undefined;
  state.nonceCount += 1;
  const nc = state.nonceCount.toString(16).padStart(8, '0');
  const ha1 = computeHa1(algorithm, credentials.username, realm, credentials.password);
  const qop = qopOptions ? 'auth' : undefined;
  const response = computeDigestResponse({ algorithm, ha1, nonce, method, uri, ...(qop ? { qop, nc, cnonce } : {}) });
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(uri)}`,
    `response=${quote(response)}`,
    `algorithm=${algorithm}`,
  ];
  if (qop) parts.push(`qop=auth`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  const opaque = params.get('opaque');
  if (opaque !== undefined) parts.push(`opaque=${quote(opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

export interface DigestServerOptions {
  realm: string;
  /** Signs nonces so they need no server-side state; rotate it to invalidate every outstanding nonce. */
  secret: string | Uint8Array;
  now: () => number;
  nonceLifetimeMs?: number;
  algorithms?: DigestAlgorithm[];
}

/** What a user store returns: the password, or an HA1 computed for the algorithm asked about. */
export type DigestSecret = { password: string } | { ha1: string };

export type DigestVerification =
  | { ok: true; username: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'wrong-realm' | 'bad-nonce' | 'stale' | 'unknown-user' | 'wrong-response'; stale: boolean };

export interface DigestServer {
  /** One WWW-Authenticate value per algorithm, strongest first (RFC 8760); `stale` after an expired nonce. */
  challenge(stale?: boolean): string[];
  verify(
    authorization: string | undefined,
    method: string,
    lookup: (username: string, algorithm: DigestAlgorithm) => DigestSecret | undefined,
  ): DigestVerification;
}

/**
 * Server-side digest (RFC 2617 / 7616, qop=auth). Nonces are `time.hmac(time)` so any process holding the
 * secret can check them and they expire on their own; a replay within the lifetime is not detected, which
 * is the price of keeping no per-nonce state.
 */
export function createDigestServer(options: DigestServerOptions): DigestServer {
  const lifetime = options.nonceLifetimeMs ?? 300_000;
  const algorithms = options.algorithms ?? ['SHA-256', 'MD5'];
  const sign = (time: string) => createHmac('sha256', options.secret).update(`${time}:${options.realm}`).digest('base64url').slice(0, 32);
  const makeNonce = () => {
    const time = options.now().toString(36);
    return `${time}.${sign(time)}`;
  };
  const checkNonce = (nonce: string): 'ok' | 'stale' | 'bad' => {
    const [time, mac, extra] = nonce.split('.');
    if (time === undefined || mac === undefined || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(time)) return 'bad';
    const expected = Buffer.from(sign(time));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad';
    const age = options.now() - parseInt(time, 36);
    return age < -60_000 ? 'bad' : age > lifetime ? 'stale' : 'ok';
  };
  const fail = (reason: Exclude<DigestVerification, { ok: true }>['reason']): DigestVerification => ({ ok: false, reason, stale: reason === 'stale' });

  return {
    challenge(stale = false) {
      const nonce = makeNonce();
      return algorithms.map(
        (algorithm) => `Digest realm=${quote(options.realm)}, nonce=${quote(nonce)}, algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`,
      );
    },
    verify(authorization, method, lookup) {
      if (authorization === undefined) return fail('missing');
      const parsed = parseDigestHeader(authorization);
      if (!parsed || parsed.scheme.toLowerCase() !== 'digest') return fail('malformed');
      const p = parsed.params;
      const [username, realm, nonce, uri, response] = ['username', 'realm', 'nonce', 'uri', 'response'].map((name) => p.get(name));
      const algorithm = normaliseAlgorithm(p.get('algorithm'));
      if (!username || !nonce || !uri || !response || !algorithm || !algorithms.includes(algorithm)) return fail('malformed');
      if (p.get('qop')?.toLowerCase() !== 'auth' || !/^[0-9a-f]{8}$/i.test(p.get('nc') ?? '') || !p.get('cnonce')) return fail('malformed');
      if (realm !== options.realm) return fail('wrong-realm');
      const nonceState = checkNonce(nonce);
      if (nonceState !== 'ok') return fail(nonceState === 'stale' ? 'stale' : 'bad-nonce');
      const secret = lookup(username, algorithm);
      if (!secret) return fail('unknown-user');
      const ha1 = 'ha1' in secret ? secret.ha1 : computeHa1(algorithm, username, options.realm, secret.password);
      const expected = computeDigestResponse({ algorithm, ha1, nonce, method, uri, qop: 'auth', nc: p.get('nc') ?? '', cnonce: p.get('cnonce') ?? '' });
      const a = Buffer.from(expected);
      const b = Buffer.from(response.toLowerCase());
      return a.length === b.length && timingSafeEqual(a, b) ? { ok: true, username } : fail('wrong-response');
    },
  };
}
