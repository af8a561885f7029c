import { formatParams, parseSipUri, splitOutsideQuotes, type SipUri } from './sip-address.ts';
import { findTopVia, parseVia, type SipMessage, type SipRequest, type Via } from './sip-message.ts';
import type { SipDestination, SipSource, SipTransportKind } from './sip-transport-types.ts';

/** Via parameters are tokens or addresses; an IPv6 `received` must stay unquoted (RFC 3261 via-received), unlike formatParams would write it. */
const VIA_PARAM_VALUE = /^[A-Za-z0-9\-.!%*_+`'~:[\]]*$/;

export function formatVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  let params = '';
  for (const [name, value] of via.params) {
    params += value === null ? `;${name}` : VIA_PARAM_VALUE.test(value) ? `;${name}=${value}` : formatParams(new Map([[name, value]]));
  }
  return `${via.protocol}/${via.transport} ${via.host}${port}${params}`;
}

export function buildVia(transport: SipTransportKind, host: string, port: number, branch: string): string {
  // rport asks the peer to answer to the port we sent from, which is what gets through NAT (RFC 3581).
  return `SIP/2.0/${transport.toUpperCase()} ${hostForUri(host)}:${port};branch=${branch};rport`;
}

export function hostForUri(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * RFC 3261 18.2.1 + RFC 3581: records where a request really came from on its top Via, so responses find
 * their way back through NAT. Rewrites only the first Via value, even when a header line holds several.
 */
export function stampReceived(request: SipRequest, source: SipSource): void {
  const header = request.headers.find((h) => h.name === 'Via');
  if (!header) return;
  const parts = splitOutsideQuotes(header.value, ',');
  const via = parseVia(parts[0] ?? '');
  if (!via) return;
  const askedForRport = via.params.has('rport');
  if (bareHost(via.host).toLowerCase() !== source.address.toLowerCase() || askedForRport) {
    via.params.set('received', source.address);
  }
  if (askedForRport) via.params.set('rport', String(source.port));
  parts[0] = formatVia(via);
  header.value = parts.map((part) => part.trim()).join(', ');
}

/** RFC 3261 18.2.2 with RFC 3581: where a response to `request` (already stamped) must go. */
export function responseDestination(request: SipMessage, source: SipSource): SipDestination {
  const via = findTopVia(request);
  const connection = source.connection;
  if (!via) return connection ? { ...source, connection } : { ...source };
  const address = via.received ?? bareHost(via.host);
  if (source.transport === 'tcp') {
    // The open connection comes first; only when it is gone do we connect to the sent-by port.
    const port = via.port ?? 5060;
    return connection && !connection.closed ? { transport: 'tcp', address: source.address, port: source.port, connection } : { transport: 'tcp', address, port };
  }
  if (typeof via.rport === 'number') return { transport: 'udp', address, port: via.rport };
  return { transport: 'udp', address, port: via.port ?? 5060 };
}

/**
 * Where a request to `uri` goes without DNS SRV/NAPTR (RFC 3263 simplified): its host and port, over the
 * transport it names. There is no TLS, so a sips URI is refused rather than sent in the clear.
 */
export function uriDestination(uri: SipUri): SipDestination | undefined {
  if (uri.scheme === 'sips') return undefined;
  const transport: SipTransportKind = uri.params.get('transport')?.toLowerCase() === 'tcp' ? 'tcp' : 'udp';
  const address = uri.params.get('maddr') ?? bareHost(uri.host);
  return { transport, address, port: uri.port ?? 5060 };
}

export function destinationForUriText(text: string): SipDestination | undefined {
  const uri = parseSipUri(text);
  return uri && uriDestination(uri);
}
