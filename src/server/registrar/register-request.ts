import { formatSipUri, parseNameAddr, parseSipUri } from '../telephony/sip/sip-address.ts';
import { findCSeq, findHeader, getHeaderValues, type SipRequest } from '../telephony/sip/sip-message.ts';

export interface ExpiryLimits {
  minSeconds: number;
  maxSeconds: number;
  defaultSeconds: number;
}

export interface RequestedContact {
  /** The contact URI as registered (angle brackets and header parameters removed). */
  uri: string;
  /** 0 removes the binding. */
  expiresSeconds: number;
}

export type ParsedRegister =
  | { kind: 'query'; aorUser: string; callId: string; cseq: number }
  | { kind: 'remove-all'; aorUser: string; callId: string; cseq: number }
  | { kind: 'update'; aorUser: string; callId: string; cseq: number; contacts: RequestedContact[] };

export type RegisterParseFailure =
  | { status: 400; reason: string }
  | { status: 423; reason: 'Interval Too Brief'; minExpires: number };

const parseSeconds = (text: string | null | undefined): number | undefined =>
  text !== undefined && text !== null && /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : undefined;

/**
 * Reads what a REGISTER asks for (RFC 3261 10.3 steps 5-7): whose address of record, which contacts with
 * which lifetime, `*` to remove them all. The lifetime comes from the contact's `expires` parameter, else
 * the Expires header, else the default; it is capped at the maximum, and a non-zero one below the minimum
 * is refused with 423 so the phone retries with a longer one.
 */
export function parseRegister(request: SipRequest, limits: ExpiryLimits): { ok: true; value: ParsedRegister } | { ok: false; failure: RegisterParseFailure } {
  const bad = (reason: string) => ({ ok: false as const, failure: { status: 400 as const, reason } });
  const to = parseNameAddr(findHeader(request, 'To') ?? '');
  const callId = findHeader(request, 'Call-ID');
  const cseq = findCSeq(request);
  if (!to?.uri.user) return bad('Bad Request: To has no user');
  if (!callId || !cseq) return bad('Bad Request: missing Call-ID or CSeq');
  const base = { aorUser: decodeURIComponent(to.uri.user), callId, cseq: cseq.seq };
  const expiresHeader = findHeader(request, 'Expires');
  const headerSeconds = parseSeconds(expiresHeader);
  if (expiresHeader !== undefined && headerSeconds === undefined) return bad('Bad Request: invalid Expires');
  const values = getHeaderValues(request, 'Contact');
  if (values.length === 0) return { ok: true, value: { kind: 'query', ...base } };
  if (values.some((v) => v.trim() === '*')) {
    // RFC 3261 10.3 step 6: `*` only alone and only with Expires: 0.
    if (values.length !== 1 || headerSeconds !== 0) return bad('Bad Request: * needs Expires: 0 and no other contact');
    return { ok: true, value: { kind: 'remove-all', ...base } };
  }
  const contacts: RequestedContact[] = [];
  for (const value of values) {
    const address = parseNameAddr(value);
    if (!address || !parseSipUri(formatSipUri(address.uri))) return bad('Bad Request: invalid Contact');
    const param = address.params.get('expires');
    const own = param === undefined ? undefined : parseSeconds(param);
    if (param !== undefined && own === undefined) return bad('Bad Request: invalid Contact expires');
    let seconds = own ?? headerSeconds ?? limits.defaultSeconds;
    if (seconds > 0 && seconds < limits.minSeconds) return { ok: false, failure: { status: 423, reason: 'Interval Too Brief', minExpires: limits.minSeconds } };
    seconds = Math.min(seconds, limits.maxSeconds);
    const uri = formatSipUri(address.uri);
    const existing = contacts.findIndex((c) => c.uri === uri);
    if (existing >= 0) contacts.splice(existing, 1);
    contacts.push({ uri, expiresSeconds: seconds });
  }
  return { ok: true, value: { kind: 'update', ...base, contacts } };
}
