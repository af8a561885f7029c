import type { Logger } from '../../platform/logger.ts';
import type { SipHeader, SipMessage, SipRequest, SipResponse } from './sip-message.ts';
import { createNamedTimers, type SipTimerConfig, type SipTimers } from './sip-timers.ts';
import type { SipDestination } from './sip-transport-types.ts';

export type ClientTransactionState = 'calling' | 'trying' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export interface ClientTransactionHandlers {
  /** Provisionals and the final response; for INVITE also 2xx retransmissions, which the UAC core must ACK again. */
  onResponse(response: SipResponse): void;
  /** Timer B or F: no final response in 64*T1. */
  onTimeout(): void;
  onTransportError(error: Error): void;
}

export interface ClientTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly destination: SipDestination;
  readonly state: ClientTransactionState;
}

export interface ClientTransactionMachine extends ClientTransaction {
  start(): void;
  receiveResponse(response: SipResponse): void;
  terminate(): void;
}

export interface ClientTransactionContext {
  timers: SipTimers;
  config: SipTimerConfig;
  log: Logger;
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  onTerminated(key: string): void;
}

/** RFC 3261 17.1.1.3: the ACK for a non-2xx final belongs to the INVITE's transaction and reuses its branch. */
export function buildAckForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: SipHeader[] = [];
  const topVia = invite.headers.find((h) => h.name === 'Via');
  if (topVia) headers.push({ name: 'Via', value: topVia.value.split(',')[0]?.trim() ?? topVia.value });
  const pick = (message: SipMessage, name: string) => message.headers.find((h) => h.name === name)?.value ?? '';
  headers.push({ name: 'Max-Forwards', value: '70' });
  headers.push({ name: 'From', value: pick(invite, 'From') });
  headers.push({ name: 'To', value: pick(response, 'To') });
  headers.push({ name: 'Call-ID', value: pick(invite, 'Call-ID') });
  headers.push({ name: 'CSeq', value: `${pick(invite, 'CSeq').trim().split(/\s+/)[0] ?? '1'} ACK` });
  for (const route of invite.headers.filter((h) => h.name === 'Route')) headers.push({ ...route });
  return { type: 'request', method: 'ACK', uri: invite.uri, headers, body: '' };
}

function createBase(ctx: ClientTransactionContext, key: string, destination: SipDestination, onFirstSendFailed: (error: Error) => void) {
  const timers = createNamedTimers(ctx.timers);
  const transmit = (message: SipMessage, first: boolean) =>
    ctx.send(message, destination).catch((error: unknown) => {
      ctx.log.debug('sip request not sent', { key, error: (error as Error).message });
      if (first) onFirstSendFailed(error as Error);
    });
  return { timers, transmit, unreliable: destination.transport === 'udp' };
}

/** RFC 3261 17.1.1 with RFC 6026's Accepted state (Timer M). */
export function createInviteClientTransaction(
  ctx: ClientTransactionContext,
  key: string,
  request: SipRequest,
  destination: SipDestination,
  handlers: ClientTransactionHandlers,
): ClientTransactionMachine {
  const { timers, transmit, unreliable } = createBase(ctx, key, destination, (error) => {
    if (state === 'terminated') return;
    terminate();
    handlers.onTransportError(error);
  });
  const { t1 } = ctx.config;
  let state: ClientTransactionState = 'calling';
  let ack: SipRequest | undefined;

  const terminate = () => {
    if (state === 'terminated') return;
    state = 'terminated';
    timers.stopAll();
    ctx.onTerminated(key);
  };
  // Timer A doubles without the T2 cap that non-INVITE requests have (17.1.1.2).
  const retransmit = (interval: number) => {
    timers.start('A', interval, () => {
      if (state !== 'calling') return;
      void transmit(request, false);
      retransmit(2 * interval);
    });
  };

  return {
    key,
    request,
    destination,
    get state() {
      return state;
    },
    start() {
      void transmit(request, true);
      if (unreliable) retransmit(t1);
      timers.start('B', 64 * t1, () => {
        if (state !== 'calling') return;
        terminate();
        handlers.onTimeout();
      });
    },
    receiveResponse(response) {
      if (state === 'calling' || state === 'proceeding') {
        if (response.status < 200) {
          state = 'proceeding';
          timers.stop('A');
          timers.stop('B');
        } else if (response.status < 300) {
          state = 'accepted';
          timers.stopAll();
          timers.start('M', 64 * t1, terminate);
        } else {
          state = 'completed';
          timers.stopAll();
          ack = buildAckForFailure(request, response);
          void transmit(ack, false);
          // Timer D: wait out retransmitted finals (at least 32 s on UDP) so each gets its ACK again.
          timers.start('D', unreliable ? Math.max(32_000, 64 * t1) : 0, terminate);
        }
        handlers.onResponse(response);
      } else if (state === 'accepted' && response.status >= 200 && response.status < 300) {
        handlers.onResponse(response);
      } else if (state === 'completed' && response.status >= 300 && ack) {
        void transmit(ack, false);
      }
    },
    terminate,
  };
}

/** RFC 3261 17.1.2. */
export function createNonInviteClientTransaction(
  ctx: ClientTransactionContext,
  key: string,
  request: SipRequest,
  destination: SipDestination,
  handlers: ClientTransactionHandlers,
): ClientTransactionMachine {
  const { timers, transmit, unreliable } = createBase(ctx, key, destination, (error) => {
    if (state === 'terminated') return;
    terminate();
    handlers.onTransportError(error);
  });
  const { t1, t2, t4 } = ctx.config;
  let state: ClientTransactionState = 'trying';

  const terminate = () => {
    if (state === 'terminated') return;
    state = 'terminated';
    timers.stopAll();
    ctx.onTerminated(key);
  };
  const retransmit = (interval: number) => {
    timers.start('E', interval, () => {
      if (state !== 'trying' && state !== 'proceeding') return;
      void transmit(request, false);
      // Once a provisional came, the server is alive: retransmit at T2 only to cover a lost final.
      retransmit(state === 'proceeding' ? t2 : Math.min(2 * interval, t2));
    });
  };

  return {
    key,
    request,
    destination,
    get state() {
      return state;
    },
    start() {
      void transmit(request, true);
      if (unreliable) retransmit(t1);
      timers.start('F', 64 * t1, () => {
        terminate();
        handlers.onTimeout();
      });
    },
    receiveResponse(response) {
      if (state !== 'trying' && state !== 'proceeding') return;
      if (response.status < 200) {
        state = 'proceeding';
      } else {
        state = 'completed';
        timers.stopAll();
        timers.start('K', unreliable ? t4 : 0, terminate);
      }
      handlers.onResponse(response);
    },
    terminate,
  };
}
