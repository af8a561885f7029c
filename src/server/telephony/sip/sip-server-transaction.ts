import type { Logger } from '../../platform/logger.ts';
import type { SipMessage, SipRequest, SipResponse } from './sip-message.ts';
import { responseDestination } from './sip-routing.ts';
import { createNamedTimers, type SipTimerConfig, type SipTimers } from './sip-timers.ts';
import type { SipDestination, SipSource } from './sip-transport-types.ts';

/** `accepted` is RFC 6026's state after a 2xx: retransmitted INVITEs are still absorbed there, the dialog retransmits the 2xx. */
export type ServerTransactionState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export interface ServerTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly source: SipSource;
  readonly state: ServerTransactionState;
  /** Where responses go (RFC 3261 18.2.2); the dialog retransmits its 2xx there too. */
  readonly destination: SipDestination;
  readonly finalResponse: SipResponse | undefined;
  respond(response: SipResponse): void;
}

/** What the transaction layer drives; the TU only sees ServerTransaction. */
export interface ServerTransactionMachine extends ServerTransaction {
  receiveRetransmission(): void;
  receiveAck(): void;
  terminate(): void;
}

export interface ServerTransactionContext {
  timers: SipTimers;
  config: SipTimerConfig;
  log: Logger;
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  onTerminated(key: string, reason: 'normal' | 'timeout'): void;
}

function createBase(ctx: ServerTransactionContext, key: string, request: SipRequest, source: SipSource) {
  const destination = responseDestination(request, source);
  const timers = createNamedTimers(ctx.timers);
  const transmit = (response: SipResponse) =>
    ctx.send(response, destination).catch((error: unknown) => {
      // RFC 3261 17.2.4: a failed response send is the TU's problem only in that the peer retransmits or gives up.
      ctx.log.debug('sip response not sent', { key, status: response.status, error: (error as Error).message });
    });
  return { destination, timers, transmit, unreliable: source.transport === 'udp' };
}

/** RFC 3261 17.2.1 with RFC 6026's Accepted state. */
export function createInviteServerTransaction(
  ctx: ServerTransactionContext,
  key: string,
  request: SipRequest,
  source: SipSource,
): ServerTransactionMachine {
  const { destination, timers, transmit, unreliable } = createBase(ctx, key, request, source);
  const { t1, t2, t4 } = ctx.config;
  let state: ServerTransactionState = 'proceeding';
  let lastResponse: SipResponse | undefined;
  let finalResponse: SipResponse | undefined;

  const terminate = (reason: 'normal' | 'timeout' = 'normal') => {
    if (state === 'terminated') return;
    state = 'terminated';
    timers.stopAll();
    ctx.onTerminated(key, reason);
  };
  const retransmitFinal = (interval: number) => {
    timers.start('G', interval, () => {
      if (state !== 'completed' || !finalResponse) return;
      void transmit(finalResponse);
      retransmitFinal(Math.min(2 * interval, t2));
    });
  };

  return {
    key,
    request,
    source,
    destination,
    get state() {
      return state;
    },
    get finalResponse() {
      return finalResponse;
    },
    respond(response) {
      if (state !== 'proceeding') {
        ctx.log.warn('sip response after the final one ignored', { key, status: response.status });
        return;
      }
      lastResponse = response;
      void transmit(response);
      if (response.status < 200) return;
      finalResponse = response;
      if (response.status < 300) {
        state = 'accepted';
        timers.start('L', 64 * t1, () => terminate());
        return;
      }
      state = 'completed';
      if (unreliable) retransmitFinal(t1);
      timers.start('H', 64 * t1, () => {
        ctx.log.info('sip ACK never came for a final response', { key, status: response.status });
        terminate('timeout');
      });
    },
    receiveRetransmission() {
      if ((state === 'proceeding' || state === 'completed') && lastResponse) void transmit(lastResponse);
    },
    receiveAck() {
      if (state !== 'completed') return;
      state = 'confirmed';
      timers.stop('G');
      timers.stop('H');
      // Timer I: absorb further ACK retransmissions for T4 on UDP, none can come on TCP.
      timers.start('I', unreliable ? t4 : 0, () => terminate());
    },
    terminate: () => terminate(),
  };
}

/** RFC 3261 17.2.2. */
export function createNonInviteServerTransaction(
  ctx: ServerTransactionContext,
  key: string,
  request: SipRequest,
  source: SipSource,
): ServerTransactionMachine {
  const { destination, timers, transmit, unreliable } = createBase(ctx, key, request, source);
  let state: ServerTransactionState = 'trying';
  let lastResponse: SipResponse | undefined;
  let finalResponse: SipResponse | undefined;

  const terminate = () => {
    if (state === 'terminated') return;
    state = 'terminated';
    timers.stopAll();
    ctx.onTerminated(key, 'normal');
  };

  return {
    key,
    request,
    source,
    destination,
    get state() {
      return state;
    },
    get finalResponse() {
      return finalResponse;
    },
    respond(response) {
      if (state !== 'trying' && state !== 'proceeding') {
        ctx.log.warn('sip response after the final one ignored', { key, status: response.status });
        return;
      }
      lastResponse = response;
      void transmit(response);
      if (response.status < 200) {
        state = 'proceeding';
        return;
      }
      finalResponse = response;
      state = 'completed';
      // Timer J: keep answering retransmissions for as long as the client may send them.
      timers.start('J', unreliable ? 64 * ctx.config.t1 : 0, terminate);
    },
    receiveRetransmission() {
      if ((state === 'proceeding' || state === 'completed') && lastResponse) void transmit(lastResponse);
    },
    receiveAck() {},
    terminate,
  };
}
