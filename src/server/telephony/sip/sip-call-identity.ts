import { parseNameAddr, parseSipUri } from './sip-address.ts';
import { findHeader, getHeaderValues, type SipRequest } from './sip-message.ts';

export interface SipParty {
  /** The user part (a number for most carriers), percent-decoded, without user parameters. */
  user: string;
  displayName?: string;
}

function decodeUser(user: string): string {
  const bare = user.split(';')[0] ?? '';
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** Reads a name-addr or bare URI, tel: included (RFC 3966), which carriers use in P-Asserted-Identity. */
export function parsePartyValue(value: string): SipParty | undefined {
  const sip = parseNameAddr(value);
  if (sip) {
    if (sip.uri.user === undefined) return undefined;
    return sip.displayName === undefined ? { user: decodeUser(sip.uri.user) } : { user: decodeUser(sip.uri.user), displayName: sip.displayName };
  }
  const tel = /^\s*(?:"((?:[^"\\]|\\.)*)"\s*)?<?\s*tel:([^;>\s]+)/i.exec(value);
  if (!tel || tel[2] === undefined) return undefined;
  const user = decodeUser(tel[2]);
  return tel[1] === undefined ? { user } : { user, displayName: tel[1].replace(/\\(.)/g, '$1') };
}

/** The number dialled: the Request-URI's user, else the To header's (a registrar may have rewritten the Request-URI). */
export function findDialledNumber(request: SipRequest): string | undefined {
  const uri = parseSipUri(request.uri);
  if (uri?.user !== undefined) return decodeUser(uri.user);
  const tel = /^tel:([^;]+)/i.exec(request.uri);
  if (tel?.[1] !== undefined) return decodeUser(tel[1]);
  return parsePartyValue(findHeader(request, 'To') ?? '')?.user;
}

/** The caller: P-Asserted-Identity (set by a trusted carrier) when present, else From. */
export function findCaller(request: SipRequest): SipParty | undefined {
  for (const value of getHeaderValues(request, 'P-Asserted-Identity')) {
    const party = parsePartyValue(value);
    if (party) return party;
  }
  return parsePartyValue(findHeader(request, 'From') ?? '');
}
