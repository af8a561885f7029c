import { findTag, formatSipUri, parseNameAddr, parseSipUri } from './sip-address.ts';
import { findCSeq, findHeader, getHeaderValues, type SipHeader, type SipRequest } from './sip-message.ts';
import { uriDestination } from './sip-routing.ts';
import type { SipDestination, SipSource } from './sip-transport-types.ts';

/** RFC 3261 12: the state both ends keep for one call leg. */
export interface SipDialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** From value for our requests: the INVITE's To plus our tag. */
  readonly localParty: string;
  /** To value for our requests: the INVITE's From, remote tag included. */
  readonly remoteParty: string;
  remoteTarget: string;
  readonly routeSet: readonly string[];
  localSeq: number;
  remoteSeq: number;
  /** Where the dialog-creating request came from; a TCP connection is reused while it stays open. */
  readonly flow: SipSource;
}

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** The key of the dialog an incoming request belongs to: our tag is in its To, the peer's in its From. */
export function incomingDialogKey(request: SipRequest): string | undefined {
  const callId = findHeader(request, 'Call-ID');
  const localTag = findTag(findHeader(request, 'To') ?? '');
  const remoteTag = findTag(findHeader(request, 'From') ?? '');
  return callId && localTag && remoteTag ? dialogKey(callId, localTag, remoteTag) : undefined;
}

/** The Contact URI of a request, or undefined when it is missing or not a SIP URI. */
export function findContactUri(request: SipRequest): string | undefined {
  const contact = getHeaderValues(request, 'Contact')[0];
  const address = contact === undefined ? undefined : parseNameAddr(contact);
  return address ? formatSipUri(address.uri) : undefined;
}

/** The UAS side of a dialog created by `invite` (RFC 3261 12.1.1); undefined when the INVITE lacks what a dialog needs. */
export function createUasDialog(invite: SipRequest, source: SipSource, localTag: string): SipDialog | undefined {
  const callId = findHeader(invite, 'Call-ID');
  const from = findHeader(invite, 'From');
  const to = findHeader(invite, 'To');
  const remoteTag = findTag(from ?? '');
  const remoteTarget = findContactUri(invite);
  const cseq = findCSeq(invite);
  if (!callId || !from || !to || !remoteTag || !remoteTarget || !cseq) return undefined;
  return {
    callId,
    localTag,
    remoteTag,
    localParty: findTag(to) === undefined ? `${to};tag=${localTag}` : to,
    remoteParty: from,
    remoteTarget,
    routeSet: getHeaderValues(invite, 'Record-Route'),
    localSeq: 1 + Math.floor(Math.random() * 10_000),
    remoteSeq: cseq.seq,
    flow: source,
  };
}

function routeUri(route: string): string | undefined {
  const address = parseNameAddr(route);
  return address ? formatSipUri(address.uri) : undefined;
}

export interface InDialogRequest {
  request: SipRequest;
  destination: SipDestination;
}

/**
 * Builds the next request in `dialog` (RFC 3261 12.2.1.1), loose or strict routing, without the Via,
 * which the sender adds once it knows the transport. Consumes one local CSeq number.
 */
export function buildInDialogRequest(
  dialog: SipDialog,
  method: string,
  extraHeaders: SipHeader[] = [],
  body = '',
): InDialogRequest | undefined {
  const routes = [...dialog.routeSet];
  const firstRoute = routes[0] === undefined ? undefined : routeUri(routes[0]);
  const strict = firstRoute !== undefined && !parseSipUri(firstRoute)?.params.has('lr');
  let uri = dialog.remoteTarget;
  if (strict && firstRoute !== undefined) {
    uri = firstRoute.replace(/\?.*$/, '');
    routes.shift();
    routes.push(`<${dialog.remoteTarget}>`);
  }
  const next = parseSipUri(firstRoute ?? dialog.remoteTarget);
  let destination = next && uriDestination(next);
  const flow = dialog.flow;
  if (flow.transport === 'tcp' && flow.connection && !flow.connection.closed) {
    destination = { transport: 'tcp', address: flow.address, port: flow.port, connection: flow.connection };
  }
  if (!destination) return undefined;
  dialog.localSeq += 1;
  const headers: SipHeader[] = [
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: dialog.localParty },
    { name: 'To', value: dialog.remoteParty },
    { name: 'Call-ID', value: dialog.callId },
    { name: 'CSeq', value: `${dialog.localSeq} ${method}` },
    ...routes.map((value) => ({ name: 'Route', value })),
    ...extraHeaders,
  ];
  return { request: { type: 'request', method, uri, headers, body }, destination };
}
