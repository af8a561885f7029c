import type { Logger } from '../../platform/logger.ts';
import { findTag } from './sip-address.ts';
import { createUasDialog, findContactUri, incomingDialogKey, dialogKey } from './sip-dialog.ts';
import { newBranch, newTag } from './sip-ids.ts';
import { createIncomingCall, type IncomingCall, type IncomingCallMachine } from './sip-incoming-call.ts';
import { createOutgoingCall, type OutgoingCall, type OutgoingCallMachine, type OutgoingCallRequest } from './sip-outgoing-call.ts';
import { findCSeq, findHeader, getHeaderValues, type SipHeader, type SipMessage, type SipRequest, type SipResponse } from './sip-message.ts';
import { buildResponse } from './sip-response.ts';
import { buildVia, destinationForUriText, hostForUri } from './sip-routing.ts';
import { systemSipTimers, type SipTimerConfig, type SipTimers } from './sip-timers.ts';
import { createSipTransactionLayer, type ServerTransaction } from './sip-transactions.ts';
import type { SipBoundPorts, SipDestination, SipSource, SipTransport, SipTransportKind, SipTransportStats } from './sip-transport-types.ts';

export type { IncomingCall } from './sip-incoming-call.ts';
export type { OutgoingCall, OutgoingCallRequest } from './sip-outgoing-call.ts';

/** The registrar's answer to a REGISTER. */
export interface RegisterDecision {
  status: number;
  reason: string;
  headers: SipHeader[];
}

/** `accept` lets the call through to `onCall`; anything else is the final response the INVITE gets instead. */
export type InviteDecision = 'accept' | { status: number; reason: string; headers?: SipHeader[] };

export type SipRequestOutcome =
  | { kind: 'response'; response: SipResponse }
  | { kind: 'timeout' }
  | { kind: 'transport_error'; error: Error };

export interface SipUserAgentOptions {
  transport: SipTransport;
  log: Logger;
  timers?: SipTimers;
  timerConfig?: Partial<SipTimerConfig>;
  /** Host for Contact and Via; defaults to the bound address, or 127.0.0.1 when bound to every interface. */
  advertisedHost?: string;
  contactUser?: string;
  /** Server and User-Agent header value. */
  productName?: string;
  /** Screens an INVITE before any dialog exists: unknown number (404), address not allowed (403), digest challenge (401). */
  onInvite?: (request: SipRequest, source: SipSource) => InviteDecision | Promise<InviteDecision>;
  onCall: (call: IncomingCall) => void;
  /** Makes this agent a registrar; without it REGISTER gets 405. */
  onRegister?: (request: SipRequest, source: SipSource) => Promise<RegisterDecision>;
  /**
   * How long an INVITE may stay unanswered (screening included) before it gets 480: nothing else ends an
   * INVITE server transaction whose caller never gives up. Default 3 minutes.
   */
  inviteTimeoutMs?: number;
}

export interface SipUserAgentStats {
  transport: SipTransportStats;
  transactions: { server: number; client: number };
  activeCalls: number;
  callsOffered: number;
}

export interface SipUserAgent {
  start(): Promise<SipBoundPorts>;
  /** Ends every call without signalling (their `ended` reason is `shutdown`) and closes the sockets. */
  stop(): Promise<void>;
  /** Sends an out-of-dialog request (REGISTER, OPTIONS) in a client transaction, adding our Via; resolves with the final outcome. */
  request(request: SipRequest, destination?: SipDestination): Promise<SipRequestOutcome>;
  /** Starts an outgoing call (INVITE); listen to its events before the next turn of the event loop. */
  invite(request: Omit<OutgoingCallRequest, 'from'> & { from: { user: string; displayName?: string } }): OutgoingCall;
  /** Our Contact URI for a transport, e.g. `sip:centralita@192.0.2.10:5060`. */
  contactUri(transport: SipTransportKind): string;
  stats(): SipUserAgentStats;
}

export const SUPPORTED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO'] as const;
/** Methods a SIP peer may send that we recognise but do not implement: 405, where an unknown one gets 501 (RFC 3261 8.2.1, 21.5.2). */
const KNOWN_METHODS = new Set(['REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'MESSAGE', 'REFER', 'UPDATE']);
const ALLOW = SUPPORTED_METHODS.join(', ');

export function createSipUserAgent(options: SipUserAgentOptions): SipUserAgent {
  const { transport, log } = options;
  const timers = options.timers ?? systemSipTimers;
  const productName = options.productName ?? 'Centralita';
  const contactUser = options.contactUser ?? 'centralita';
  const calls = new Map<string, IncomingCallMachine>();
  /** The same calls by their INVITE transaction, for CANCEL. */
  const callsByInvite = new Map<string, IncomingCallMachine>();
  /** Calls we placed, once the callee's tag is known, by the same dialog key as incoming ones. */
  const outgoing = new Map<string, OutgoingCallMachine>();
  const outgoingLive = new Set<OutgoingCallMachine>();
  /** Live INVITE transactions by Call-ID + From tag + CSeq, to spot the same request arriving by another path (RFC 3261 8.2.2.2). */
  const invitesByMergeKey = new Map<string, string>();
  const inviteExpiries = new Set<unknown>();
  let bound: SipBoundPorts | undefined;
  let callsOffered = 0;

  const transactions = createSipTransactionLayer({
    send: (message, destination) => transport.send(message, destination),
    timers,
    timerConfig: options.timerConfig ?? {},
    log,
    onRequest: (request, source, transaction) =>
      handleRequest(request, source, transaction).catch((error: unknown) => log.error('sip request handling failed', { error, method: request.method })),
    onStrayResponse: (response) => log.debug('sip response matches no transaction', { status: response.status }),
  });

  const advertisedHost = () => options.advertisedHost ?? (bound && !/^(0\.0\.0\.0|::)$/.test(bound.address) ? bound.address : '127.0.0.1');
  const portFor = (kind: SipTransportKind) => (kind === 'tcp' ? bound?.tcpPort : bound?.udpPort) ?? 5060;
  const contactUri = (kind: SipTransportKind) =>
    `sip:${contactUser}@${hostForUri(advertisedHost())}:${portFor(kind)}${kind === 'tcp' ? ';transport=tcp' : ''}`;
  const commonHeaders = (kind: 'request' | 'response'): SipHeader[] => [
    { name: 'Allow', value: ALLOW },
    { name: kind === 'request' ? 'User-Agent' : 'Server', value: productName },
  ];
  const respond = (transaction: ServerTransaction, status: number, reason: string, headers: SipHeader[] = [], toTag = newTag()) =>
    transaction.respond(buildResponse(transaction.request, status, reason, { toTag, headers: [...headers, ...commonHeaders('response')] }));
  const viaFor = (destination: SipDestination) => buildVia(destination.transport, advertisedHost(), portFor(destination.transport), newBranch());

  const callContext = {
    transactions,
    timers,
    log,
    send: (message: SipMessage, destination: SipDestination) => transport.send(message, destination),
    contact: (kind: SipTransportKind) => `<${contactUri(kind)}>`,
    via: viaFor,
    commonHeaders,
    onEnded: (call: IncomingCallMachine) => {
      calls.delete(dialogKey(call.dialog.callId, call.dialog.localTag, call.dialog.remoteTag));
      for (const [key, candidate] of callsByInvite) if (candidate === call) callsByInvite.delete(key);
    },
  };

  async function handleRequest(request: SipRequest, source: SipSource, transaction: ServerTransaction | undefined): Promise<void> {
    if (!transaction) {
      // Only ACKs for 2xx arrive without a transaction; they belong to a dialog or to nothing.
      const key = incomingDialogKey(request);
      if (key !== undefined) calls.get(key)?.handleAck(request);
      return;
    }
    const method = request.method;
    if (method === 'REGISTER' && options.onRegister) return handleRegister(request, source, transaction);
    if (!(SUPPORTED_METHODS as readonly string[]).includes(method)) {
      return KNOWN_METHODS.has(method) ? respond(transaction, 405, 'Method Not Allowed') : respond(transaction, 501, 'Not Implemented');
    }
    const required = getHeaderValues(request, 'Require');
    if (required.length > 0 && method !== 'CANCEL') {
      return respond(transaction, 420, 'Bad Extension', [{ name: 'Unsupported', value: required.join(', ') }]);
    }
    if (method === 'CANCEL') return handleCancel(request, transaction);
    if (findTag(findHeader(request, 'To') ?? '') !== undefined) {
      const key = incomingDialogKey(request);
      const call = key === undefined ? undefined : (calls.get(key) ?? outgoing.get(key));
      return call ? call.handleRequest(request, transaction) : respond(transaction, 481, 'Call/Transaction Does Not Exist');
    }
    if (method === 'OPTIONS') return respond(transaction, 200, 'OK', [{ name: 'Accept', value: 'application/sdp' }]);
    if (method === 'INVITE') return handleInvite(request, source, transaction);
    respond(transaction, 481, 'Call/Transaction Does Not Exist');
  }

  function handleCancel(cancel: SipRequest, transaction: ServerTransaction): void {
    const invite = transactions.findInviteTransaction(cancel);
    if (!invite) return respond(transaction, 481, 'Call/Transaction Does Not Exist');
    const call = callsByInvite.get(invite.key);
    // RFC 3261 9.2: the 200 to the CANCEL carries the same To tag as the INVITE's responses.
    const toTag = call?.dialog.localTag ?? findTag(findHeader(invite.finalResponse ?? cancel, 'To') ?? '') ?? newTag();
    respond(transaction, 200, 'OK', [], toTag);
    if (invite.state !== 'proceeding') return;
    if (call) call.cancel();
    else respond(invite, 487, 'Request Terminated', [], toTag);
  }

  async function handleRegister(request: SipRequest, source: SipSource, transaction: ServerTransaction): Promise<void> {
    let decision: RegisterDecision;
    try {
      decision = await options.onRegister!(request, source);
    } catch (error) {
      log.error('sip REGISTER handling failed', { error });
      decision = { status: 500, reason: 'Server Internal Error', headers: [] };
    }
    if (transaction.state === 'trying' || transaction.state === 'proceeding') respond(transaction, decision.status, decision.reason, decision.headers);
  }

  const outgoingContext = {
    transactions,
    log,
    send: (message: SipMessage, destination: SipDestination) => transport.send(message, destination),
    contact: (kind: SipTransportKind) => `<${contactUri(kind)}>`,
    via: viaFor,
    commonHeaders,
    onDialog: (call: OutgoingCallMachine, d: { callId: string; localTag: string; remoteTag: string }) => void outgoing.set(dialogKey(d.callId, d.localTag, d.remoteTag), call),
    onEnded: (call: OutgoingCallMachine) => {
      outgoingLive.delete(call);
      const dialog = call.dialog;
      if (dialog) outgoing.delete(dialogKey(dialog.callId, dialog.localTag, dialog.remoteTag));
    },
  };

  async function handleInvite(invite: SipRequest, source: SipSource, transaction: ServerTransaction): Promise<void> {
    // 100 at once rather than after 200 ms: screening may wait on a database, and this stops Timer A at the caller now.
    transaction.respond(buildResponse(invite, 100, 'Trying'));
    const contentType = findHeader(invite, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (invite.body !== '' && contentType !== 'application/sdp') {
      return respond(transaction, 415, 'Unsupported Media Type', [{ name: 'Accept', value: 'application/sdp' }]);
    }
    if (!findContactUri(invite)) return respond(transaction, 400, 'Missing or Invalid Contact');
    const mergeKey = `${findHeader(invite, 'Call-ID')}|${findTag(findHeader(invite, 'From') ?? '')}|${findCSeq(invite)?.seq}`;
    const known = invitesByMergeKey.get(mergeKey);
    if (known !== undefined && known !== transaction.key) return respond(transaction, 482, 'Loop Detected');
    invitesByMergeKey.set(mergeKey, transaction.key);
    const expiry = timers.setTimeout(() => {
      inviteExpiries.delete(expiry);
      invitesByMergeKey.delete(mergeKey);
      const call = callsByInvite.get(transaction.key);
      if (call) call.expire();
      else if (transaction.state === 'proceeding') respond(transaction, 480, 'Temporarily Unavailable');
    }, options.inviteTimeoutMs ?? 180_000);
    inviteExpiries.add(expiry);
    const release = () => {
      timers.clearTimeout(expiry);
      inviteExpiries.delete(expiry);
      invitesByMergeKey.delete(mergeKey);
    };
    let decision: InviteDecision;
    try {
      decision = options.onInvite ? await options.onInvite(invite, source) : 'accept';
    } catch (error) {
      log.error('sip INVITE screening failed', { error });
      decision = { status: 500, reason: 'Server Internal Error' };
    }
    if (transaction.state !== 'proceeding') return release();
    if (decision !== 'accept') {
      release();
      const valid = Number.isInteger(decision.status) && decision.status >= 300 && decision.status <= 699;
      const reason = String(decision.reason).replace(/[\r\n]+/g, ' ');
      return valid ? respond(transaction, decision.status, reason, decision.headers) : respond(transaction, 500, 'Server Internal Error');
    }
    const dialog = createUasDialog(invite, source, newTag());
    if (!dialog) {
      release();
      return respond(transaction, 400, 'Bad Request');
    }
    const call = createIncomingCall(callContext, invite, transaction, dialog);
    // Once answered, expire() is a no-op; the merge guard lasts as long as the call.
    call.on('ended', release);
    calls.set(dialogKey(dialog.callId, dialog.localTag, dialog.remoteTag), call);
    callsByInvite.set(transaction.key, call);
    callsOffered++;
    log.info('sip call offered', { callId: dialog.callId, dialled: call.dialledNumber, caller: call.callerId, transport: source.transport });
    try {
      options.onCall(call);
    } catch (error) {
      log.error('sip onCall handler failed', { error, callId: dialog.callId });
      call.reject(500, 'Server Internal Error');
    }
  }

  return {
    async start() {
      bound = await transport.start((message, source) => transactions.receive(message, source));
      return bound;
    },
    async stop() {
      for (const call of [...calls.values()]) call.shutdown();
      for (const call of [...outgoingLive]) call.shutdown();
      for (const expiry of inviteExpiries) timers.clearTimeout(expiry);
      inviteExpiries.clear();
      transactions.stop();
      await transport.stop();
    },
    request(request, destination) {
      const target = destination ?? destinationForUriText(request.uri);
      if (!target) return Promise.resolve({ kind: 'transport_error', error: new Error(`no route to ${request.uri}`) });
      const headers = request.headers.filter((h) => h.name !== 'Via');
      if (!headers.some((h) => h.name === 'Max-Forwards')) headers.unshift({ name: 'Max-Forwards', value: '70' });
      const outgoing: SipRequest = { ...request, headers: [{ name: 'Via', value: viaFor(target) }, ...headers] };
      return new Promise((resolve) => {
        try {
          transactions.sendRequest(outgoing, target, {
            onResponse: (response) => {
              if (response.status >= 200) resolve({ kind: 'response', response });
            },
            onTimeout: () => resolve({ kind: 'timeout' }),
            onTransportError: (error) => resolve({ kind: 'transport_error', error }),
          });
        } catch (error) {
          resolve({ kind: 'transport_error', error: error as Error });
        }
      });
    },
    invite(request) {
      const call = createOutgoingCall(outgoingContext, { ...request, from: { ...request.from, host: hostForUri(advertisedHost()) } });
      outgoingLive.add(call);
      // Started on the next turn, so the caller attaches its listeners before any response can arrive.
      queueMicrotask(() => call.start());
      return call;
    },
    contactUri,
    stats: () => ({ transport: transport.stats(), transactions: transactions.counts(), activeCalls: calls.size, callsOffered }),
  };
}
