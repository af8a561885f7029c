import type { Logger } from '../../platform/logger.ts';
import { findCaller, findDialledNumber } from './sip-call-identity.ts';
import { buildInDialogRequest, findContactUri, type SipDialog } from './sip-dialog.ts';
import { createEmitter } from './sip-events.ts';
import { parseInfoDtmf } from './sip-info-dtmf.ts';
import { findCSeq, findHeader, type SipHeader, type SipMessage, type SipRequest, type SipResponse } from './sip-message.ts';
import { buildResponse } from './sip-response.ts';
import { createNamedTimers, type SipTimers } from './sip-timers.ts';
import type { ServerTransaction, SipTransactionLayer } from './sip-transactions.ts';
import type { SipDestination, SipSource, SipTransportKind } from './sip-transport-types.ts';

export type CallEndReason = 'remote_bye' | 'local_bye' | 'ack_timeout' | 'cancelled' | 'rejected' | 'no_answer' | 'shutdown';
export type IncomingCallState = 'offered' | 'answered' | 'confirmed' | 'ended';

export type IncomingCallEvents = {
  /** The caller's ACK to our 200; `sdp` is the answer when the INVITE carried no offer. */
  acked: { sdp: string };
  cancelled: { reason: 'cancel' };
  ended: { reason: CallEndReason };
  info: { contentType: string; body: string };
  dtmf: { digit: string; durationMs?: number };
  /** Already answered with the current local SDP (hold and refresh need nothing more). */
  reinvite: { sdp: string };
};

export interface HangupResult {
  outcome: 'bye_accepted' | 'bye_refused' | 'no_dialog' | 'timeout' | 'transport_error' | 'declined' | 'already_ended';
  status?: number;
}

export interface IncomingCall {
  readonly callId: string;
  readonly request: SipRequest;
  readonly source: SipSource;
  readonly dialledNumber: string | undefined;
  readonly callerId: string | undefined;
  readonly callerName: string | undefined;
  readonly sdpOffer: string;
  readonly localSdp: string | undefined;
  readonly state: IncomingCallState;
  /** Each returns false when the call is no longer in a state where it applies (e.g. a CANCEL won the race). */
  ringing(): boolean;
  answer(sdpAnswer: string): boolean;
  reject(status: number, reason: string, headers?: SipHeader[]): boolean;
  /** BYE once answered (deferred until the ACK, RFC 3261 15); before that, declines with 480. */
  hangup(): Promise<HangupResult>;
  on<K extends keyof IncomingCallEvents>(event: K, listener: (payload: IncomingCallEvents[K]) => void): () => void;
}

export interface IncomingCallMachine extends IncomingCall {
  readonly dialog: SipDialog;
  handleRequest(request: SipRequest, transaction: ServerTransaction): void;
  handleAck(ack: SipRequest): void;
  cancel(): void;
  /** The application never answered: 480 and `ended` with `no_answer`. */
  expire(): void;
  shutdown(): void;
}

export interface IncomingCallContext {
  transactions: SipTransactionLayer;
  timers: SipTimers;
  log: Logger;
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  contact(transport: SipTransportKind): string;
  /** A top Via with a fresh branch for a request to `destination`. */
  via(destination: SipDestination): string;
  /** Allow, Supported and Server/User-Agent: what every message we originate carries. */
  commonHeaders(kind: 'request' | 'response'): SipHeader[];
  onEnded(call: IncomingCallMachine): void;
}

export function createIncomingCall(
  ctx: IncomingCallContext,
  invite: SipRequest,
  inviteTransaction: ServerTransaction,
  dialog: SipDialog,
): IncomingCallMachine {
  const log = ctx.log.child({ callId: dialog.callId });
  const { t1, t2 } = ctx.transactions.config;
  const timers = createNamedTimers(ctx.timers);
  const events = createEmitter<IncomingCallEvents>((error, event) => log.error('sip call listener failed', { event, error }));
  const caller = findCaller(invite);
  let state: IncomingCallState = 'offered';
  let localSdp: string | undefined;
  let awaitingAck: { seq: number; initial: boolean } | undefined;
  let deferredHangup: ((result: HangupResult) => void) | undefined;

  const contactHeader = (): SipHeader => ({ name: 'Contact', value: ctx.contact(dialog.flow.transport) });
  const respond = (transaction: ServerTransaction, status: number, reason: string, headers: SipHeader[] = [], body = '') =>
    transaction.respond(buildResponse(transaction.request, status, reason, { toTag: dialog.localTag, headers: [...headers, ...ctx.commonHeaders('response')], body }));
  const sdpHeaders = (): SipHeader[] => [contactHeader(), { name: 'Content-Type', value: 'application/sdp' }];

  function finish(reason: CallEndReason): void {
    if (state === 'ended') return;
    state = 'ended';
    awaitingAck = undefined;
    timers.stopAll();
    // A hangup still waiting for the ACK has nothing left to do when the call ends some other way.
    const pending = deferredHangup;
    deferredHangup = undefined;
    pending?.({ outcome: 'already_ended' });
    ctx.onEnded(call);
    log.info('sip call ended', { reason });
    events.emit('ended', { reason });
  }

  function sendBye(): Promise<HangupResult> {
    const built = buildInDialogRequest(dialog, 'BYE', ctx.commonHeaders('request'));
    if (!built) return Promise.resolve({ outcome: 'transport_error' });
    built.request.headers.unshift({ name: 'Via', value: ctx.via(built.destination) });
    return new Promise((resolve) => {
      ctx.transactions.sendRequest(built.request, built.destination, {
        onResponse(response) {
          if (response.status < 200) return;
          // RFC 3261 15.1.1: any final response, 481 included, ends the dialog; only the outcome differs.
          if (response.status < 300) resolve({ outcome: 'bye_accepted', status: response.status });
          else resolve({ outcome: response.status === 481 ? 'no_dialog' : 'bye_refused', status: response.status });
        },
        onTimeout: () => resolve({ outcome: 'timeout' }),
        onTransportError: () => resolve({ outcome: 'transport_error' }),
      });
    });
  }

  function hangUpNow(reason: CallEndReason): Promise<HangupResult> {
    const result = sendBye();
    finish(reason);
    return result;
  }

  /** RFC 3261 13.3.1.4: the UAS core, not the transaction, retransmits a 2xx until its ACK arrives. */
  function retransmitUntilAck(response: SipResponse, transaction: ServerTransaction, initial: boolean): void {
    const seq = findCSeq(transaction.request)?.seq ?? 0;
    awaitingAck = { seq, initial };
    const loop = (interval: number) =>
      timers.start('2xx', interval, () => {
        ctx.send(response, transaction.destination).catch(() => undefined);
        loop(Math.min(2 * interval, t2));
      });
    loop(t1);
    timers.start('ack-timeout', 64 * t1, () => {
      timers.stop('2xx');
      awaitingAck = undefined;
      log.warn('sip ACK for 2xx never came; ending the call', { seq });
      const pending = deferredHangup;
      deferredHangup = undefined;
      void hangUpNow(pending ? 'local_bye' : 'ack_timeout').then((result) => pending?.(result));
    });
  }

  function answerInvite(transaction: ServerTransaction, sdp: string, initial: boolean): void {
    const response = buildResponse(transaction.request, 200, 'OK', {
      toTag: dialog.localTag,
      headers: [...sdpHeaders(), ...ctx.commonHeaders('response')],
      body: sdp,
    });
    transaction.respond(response);
    retransmitUntilAck(response, transaction, initial);
  }

  function handleReinvite(request: SipRequest, transaction: ServerTransaction): void {
    if (state !== 'confirmed' || awaitingAck || localSdp === undefined) {
      // RFC 3261 14.2: an INVITE overlapping one still in progress gets 500 with a random Retry-After of 0-10 s.
      respond(transaction, 500, 'Server Internal Error', [{ name: 'Retry-After', value: String(Math.floor(Math.random() * 11)) }]);
      return;
    }
    const target = findContactUri(request);
    if (target) dialog.remoteTarget = target;
    answerInvite(transaction, localSdp, false);
    events.emit('reinvite', { sdp: request.body });
  }

  const call: IncomingCallMachine = {
    callId: dialog.callId,
    request: invite,
    source: dialog.flow,
    dialog,
    dialledNumber: findDialledNumber(invite),
    callerId: caller?.user,
    callerName: caller?.displayName,
    sdpOffer: invite.body,
    get localSdp() {
      return localSdp;
    },
    get state() {
      return state;
    },
    on: (event, listener) => events.on(event, listener),
    ringing() {
      if (state !== 'offered' || inviteTransaction.state !== 'proceeding') return false;
      respond(inviteTransaction, 180, 'Ringing', [contactHeader()]);
      return true;
    },
    answer(sdpAnswer) {
      if (state !== 'offered' || inviteTransaction.state !== 'proceeding') return false;
      localSdp = sdpAnswer;
      state = 'answered';
      answerInvite(inviteTransaction, sdpAnswer, true);
      log.info('sip call answered');
      return true;
    },
    reject(status, reason, headers = []) {
      if (status < 300 || status > 699) throw new RangeError(`reject needs a 3xx-6xx status, not ${status}`);
      if (state !== 'offered' || inviteTransaction.state !== 'proceeding') return false;
      respond(inviteTransaction, status, reason, headers);
      finish('rejected');
      return true;
    },
    hangup() {
      if (state === 'ended') return Promise.resolve({ outcome: 'already_ended' });
      if (state === 'offered') {
        call.reject(480, 'Temporarily Unavailable');
        return Promise.resolve({ outcome: 'declined', status: 480 });
      }
      if (state === 'answered') {
        // RFC 3261 15: no BYE before the ACK (or its timeout), or the BYE could overtake the 200 it ends.
        if (!deferredHangup) return new Promise((resolve) => (deferredHangup = resolve));
        return Promise.resolve({ outcome: 'already_ended' });
      }
      return hangUpNow('local_bye');
    },
    handleAck(ack) {
      const seq = findCSeq(ack)?.seq;
      if (!awaitingAck || seq !== awaitingAck.seq) return;
      const { initial } = awaitingAck;
      awaitingAck = undefined;
      timers.stop('2xx');
      timers.stop('ack-timeout');
      if (!initial) return;
      state = 'confirmed';
      events.emit('acked', { sdp: ack.body });
      const pending = deferredHangup;
      deferredHangup = undefined;
      // A listener of `acked` may have hung up already; the deferred request then has nothing left to do.
      if (pending) void (state === 'confirmed' ? hangUpNow('local_bye') : Promise.resolve<HangupResult>({ outcome: 'already_ended' })).then(pending);
    },
    handleRequest(request, transaction) {
      const seq = findCSeq(request)?.seq ?? 0;
      if (state === 'ended') return respond(transaction, 481, 'Call/Transaction Does Not Exist');
      if (seq < dialog.remoteSeq) return respond(transaction, 500, 'CSeq Out of Order');
      dialog.remoteSeq = seq;
      switch (request.method) {
        case 'BYE':
          respond(transaction, 200, 'OK');
          if (state === 'offered' && inviteTransaction.state === 'proceeding') respond(inviteTransaction, 487, 'Request Terminated');
          return finish('remote_bye');
        case 'INFO': {
          respond(transaction, 200, 'OK');
          const contentType = findHeader(request, 'Content-Type') ?? '';
          events.emit('info', { contentType, body: request.body });
          const dtmf = parseInfoDtmf(contentType, request.body);
          if (dtmf) events.emit('dtmf', dtmf);
          return;
        }
        case 'INVITE':
          return handleReinvite(request, transaction);
        case 'OPTIONS':
          return respond(transaction, 200, 'OK', [{ name: 'Accept', value: 'application/sdp' }]);
        default:
          return respond(transaction, 405, 'Method Not Allowed');
      }
    },
    cancel() {
      if (state !== 'offered' || inviteTransaction.state !== 'proceeding') return;
      respond(inviteTransaction, 487, 'Request Terminated');
      events.emit('cancelled', { reason: 'cancel' });
      finish('cancelled');
    },
    expire() {
      if (state !== 'offered' || inviteTransaction.state !== 'proceeding') return;
      respond(inviteTransaction, 480, 'Temporarily Unavailable');
      finish('no_answer');
    },
    shutdown() {
      finish('shutdown');
      events.clear();
    },
  };
  return call;
}
