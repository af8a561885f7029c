import type { Logger } from '../../platform/logger.ts';
import { findTag, formatSipUri, parseNameAddr } from './sip-address.ts';
import { answerDigestChallenge, parseDigestHeader, type DigestCredentials } from './sip-digest.ts';
import { buildInDialogRequest, type SipDialog } from './sip-dialog.ts';
import { createEmitter } from './sip-events.ts';
import { newCallId, newTag } from './sip-ids.ts';
import { parseInfoDtmf } from './sip-info-dtmf.ts';
import { findCSeq, findHeader, getHeaderValues, type SipHeader, type SipMessage, type SipRequest, type SipResponse } from './sip-message.ts';
import { buildCancel } from './sip-cancel.ts';
import { buildResponse } from './sip-response.ts';
import type { ServerTransaction, SipTransactionLayer } from './sip-transactions.ts';
import type { SipDestination, SipTransportKind } from './sip-transport-types.ts';

export type OutgoingCallState = 'calling' | 'proceeding' | 'confirmed' | 'ended';
export type OutgoingFailure = 'busy' | 'declined' | 'rejected' | 'unauthorized' | 'timeout' | 'unreachable' | 'cancelled';
export type OutgoingEndReason = 'remote_bye' | 'local_bye' | 'shutdown';

export type OutgoingCallEvents = {
  /** 180 or 183; `sdp` when the provisional carried early media. */
  progress: { status: number; sdp: string };
  /** 200 OK acknowledged; the dialog is confirmed. */
  answered: { sdp: string };
  /** No dialog came of it: a final error, a timeout, a CANCEL. */
  failed: { reason: OutgoingFailure; status?: number };
  ended: { reason: OutgoingEndReason };
  dtmf: { digit: string; durationMs?: number };
};

export interface OutgoingCallRequest {
  /** Request-URI: the registered contact, or the number at the trunk. */
  target: string;
  /** Where to send it when not the target's host (a TCP connection the phone registered over). */
  destination: SipDestination;
  /** To: the address of record called, e.g. `sip:1001@centralita`. */
  to: string;
  /** From: the caller as shown on the phone. */
  from: { user: string; displayName?: string; host: string };
  sdpOffer: string;
  /** For trunks that challenge our INVITE (401/407); answered once. */
  credentials?: DigestCredentials;
  extraHeaders?: SipHeader[];
}

export interface OutgoingCall {
  readonly callId: string;
  readonly state: OutgoingCallState;
  readonly remoteSdp: string | undefined;
  /** CANCEL before the answer (sent once a provisional arrived, RFC 3261 9.1); BYE after it. */
  cancel(): void;
  hangup(): void;
  on<K extends keyof OutgoingCallEvents>(event: K, listener: (payload: OutgoingCallEvents[K]) => void): () => void;
}

export interface OutgoingCallMachine extends OutgoingCall {
  readonly dialog: SipDialog | undefined;
  start(): void;
  handleRequest(request: SipRequest, transaction: ServerTransaction): void;
  shutdown(): void;
}

export interface OutgoingCallContext {
  transactions: SipTransactionLayer;
  log: Logger;
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  contact(transport: SipTransportKind): string;
  via(destination: SipDestination): string;
  commonHeaders(kind: 'request' | 'response'): SipHeader[];
  /** The dialog exists (To tag known): in-dialog requests from the callee must reach this call. */
  onDialog(call: OutgoingCallMachine, dialog: SipDialog): void;
  onEnded(call: OutgoingCallMachine): void;
}

/** RFC 3261 21: how a final response of the callee reads to whoever asked for the call. */
export function failureOf(status: number): OutgoingFailure {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 401 || status === 407 || status === 403) return 'unauthorized';
  if (status === 408 || status === 480) return 'timeout';
  if (status === 487) return 'cancelled';
  if (status === 404 || status === 410 || status === 484 || status === 503 || status === 502) return 'unreachable';
  return 'rejected';
}

/** The UAC side of one call: INVITE (challenged once at most), provisionals, ACK of the 2xx, CANCEL, BYE both ways. */
export function createOutgoingCall(ctx: OutgoingCallContext, request: OutgoingCallRequest): OutgoingCallMachine {
  const callId = newCallId();
  const localTag = newTag();
  const log = ctx.log.child({ callId });
  const events = createEmitter<OutgoingCallEvents>((error, event) => log.error('sip outgoing call listener failed', { event, error }));
  const fromValue = `${request.from.displayName ? `"${request.from.displayName.replace(/["\\\r\n]/g, '')}" ` : ''}<sip:${request.from.user}@${request.from.host}>;tag=${localTag}`;
  let state: OutgoingCallState = 'calling';
  let seq = 1 + Math.floor(Math.random() * 10_000);
  let invite: SipRequest | undefined;
  let challenged = false;
  let provisional = false;
  let cancelWanted = false;
  let dialog: SipDialog | undefined;
  let remoteSdp: string | undefined;

  function buildInvite(authorization?: SipHeader): SipRequest {
    const headers: SipHeader[] = [
      { name: 'Via', value: ctx.via(request.destination) },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: fromValue },
      { name: 'To', value: `<${request.to}>` },
      { name: 'Call-ID', value: callId },
      { name: 'CSeq', value: `${seq} INVITE` },
      { name: 'Contact', value: ctx.contact(request.destination.transport) },
      ...(authorization ? [authorization] : []),
      ...(request.extraHeaders ?? []),
      ...ctx.commonHeaders('request'),
      { name: 'Content-Type', value: 'application/sdp' },
    ];
    return { type: 'request', method: 'INVITE', uri: request.target, headers, body: request.sdpOffer };
  }

  function fail(reason: OutgoingFailure, status?: number): void {
    if (state === 'ended') return;
    state = 'ended';
    ctx.onEnded(call);
    log.info('sip outgoing call failed', { reason, status });
    events.emit('failed', { reason, ...(status === undefined ? {} : { status }) });
  }

  function end(reason: OutgoingEndReason): void {
    if (state === 'ended') return;
    state = 'ended';
    ctx.onEnded(call);
    log.info('sip outgoing call ended', { reason });
    events.emit('ended', { reason });
  }

  function sendInDialog(method: 'BYE' | 'ACK', cseq?: number): void {
    if (!dialog) return;
    const built = buildInDialogRequest(dialog, method, ctx.commonHeaders('request'));
    if (!built) return;
    if (method === 'ACK' && cseq !== undefined) {
      // The ACK of a 2xx carries the INVITE's CSeq number and uses no new one (RFC 3261 13.2.2.4).
      dialog.localSeq -= 1;
      built.request.headers = built.request.headers.map((h) => (h.name === 'CSeq' ? { name: 'CSeq', value: `${cseq} ACK` } : h));
    }
    built.request.headers.unshift({ name: 'Via', value: ctx.via(built.destination) });
    if (method === 'ACK') {
      ctx.send(built.request, built.destination).catch(() => undefined);
      return;
    }
    ctx.transactions.sendRequest(built.request, built.destination, { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined });
  }

  function sendCancel(): void {
    if (!invite) return;
    const cancel = buildCancel(invite, ctx.commonHeaders('request'));
    ctx.transactions.sendRequest(cancel, request.destination, { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined });
  }

  function confirm(response: SipResponse): void {
    const remoteTag = findTag(findHeader(response, 'To') ?? '');
    const contact = getHeaderValues(response, 'Contact')[0];
    if (!dialog) {
      const address = contact === undefined ? undefined : parseNameAddr(contact);
      const contactUri = address ? formatSipUri(address.uri) : undefined;
      dialog = {
        callId, localTag, remoteTag: remoteTag ?? '', localParty: fromValue,
        remoteParty: findHeader(response, 'To') ?? `<${request.to}>`,
        remoteTarget: contactUri ?? request.target,
        // The UAC's route set is the Record-Route of the 2xx, reversed (RFC 3261 12.1.2).
        routeSet: getHeaderValues(response, 'Record-Route').reverse(),
        localSeq: seq, remoteSeq: 0,
        flow: { transport: request.destination.transport, address: request.destination.address, port: request.destination.port, ...(request.destination.connection ? { connection: request.destination.connection } : {}) },
      };
      ctx.onDialog(call, dialog);
    }
    sendInDialog('ACK', seq);
    if (state === 'ended') return;
    if (cancelWanted) {
      // The answer crossed our CANCEL: the call exists, so it is ended with a BYE instead.
      sendInDialog('BYE');
      fail('cancelled');
      return;
    }
    if (state === 'confirmed') return;
    state = 'confirmed';
    remoteSdp = response.body;
    log.info('sip outgoing call answered');
    events.emit('answered', { sdp: response.body });
  }

  function onResponse(response: SipResponse): void {
    if (findCSeq(response)?.seq !== seq) return;
    if (response.status < 200) {
      if (state !== 'calling' && state !== 'proceeding') return;
      state = 'proceeding';
      if (!provisional && response.status > 100) provisional = true;
      if (cancelWanted && response.status > 100) sendCancel();
      if (response.status > 100) events.emit('progress', { status: response.status, sdp: response.body });
      return;
    }
    if (response.status < 300) return confirm(response);
    if (state === 'ended') return;
    if ((response.status === 401 || response.status === 407) && request.credentials && !challenged && !cancelWanted) {
      const header = findHeader(response, response.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate');
      const parsed = header === undefined ? undefined : parseDigestHeader(header);
      const answer = parsed && answerDigestChallenge({ challenge: parsed, nonceCount: 0 }, request.credentials, 'INVITE', request.target);
      if (answer) {
        challenged = true;
        seq += 1;
        send(buildInvite({ name: response.status === 401 ? 'Authorization' : 'Proxy-Authorization', value: answer }));
        return;
      }
    }
    fail(cancelWanted ? 'cancelled' : failureOf(response.status), response.status);
  }

  function send(message: SipRequest): void {
    invite = message;
    provisional = false;
    ctx.transactions.sendRequest(message, request.destination, {
      onResponse,
      onTimeout: () => fail(cancelWanted ? 'cancelled' : 'timeout'),
      onTransportError: () => fail('unreachable'),
    });
  }

  const respond = (transaction: ServerTransaction, status: number, reason: string, headers: SipHeader[] = [], body = '') =>
    transaction.respond(buildResponse(transaction.request, status, reason, { headers: [...headers, ...ctx.commonHeaders('response')], body }));

  const call: OutgoingCallMachine = {
    callId,
    get state() {
      return state;
    },
    get remoteSdp() {
      return remoteSdp;
    },
    get dialog() {
      return dialog;
    },
    on: (event, listener) => events.on(event, listener),
    start() {
      try {
        send(buildInvite());
      } catch (error) {
        log.warn('sip INVITE not sent', { error });
        fail('unreachable');
      }
    },
    cancel() {
      if (state === 'confirmed') return call.hangup();
      if (state === 'ended' || cancelWanted) return;
      cancelWanted = true;
      if (provisional) sendCancel();
    },
    hangup() {
      if (state !== 'confirmed') return call.cancel();
      sendInDialog('BYE');
      end('local_bye');
    },
    handleRequest(incoming, transaction) {
      if (state === 'ended') return respond(transaction, 481, 'Call/Transaction Does Not Exist');
      const cseq = findCSeq(incoming)?.seq ?? 0;
      if (dialog) {
        if (cseq < dialog.remoteSeq) return respond(transaction, 500, 'CSeq Out of Order');
        dialog.remoteSeq = cseq;
      }
      switch (incoming.method) {
        case 'BYE':
          respond(transaction, 200, 'OK');
          return end('remote_bye');
        case 'INFO': {
          respond(transaction, 200, 'OK');
          const dtmf = parseInfoDtmf(findHeader(incoming, 'Content-Type') ?? '', incoming.body);
          if (dtmf) events.emit('dtmf', dtmf);
          return;
        }
        case 'INVITE':
          // A session refresh or the phone's own hold: media stays where it is, so the offer is answered as before.
          return respond(transaction, 200, 'OK', [{ name: 'Contact', value: ctx.contact(request.destination.transport) }, { name: 'Content-Type', value: 'application/sdp' }], request.sdpOffer);
        case 'OPTIONS':
          return respond(transaction, 200, 'OK');
        default:
          return respond(transaction, 405, 'Method Not Allowed');
      }
    },
    shutdown() {
      end('shutdown');
      events.clear();
    },
  };
  return call;
}
