import type { Logger } from '../../platform/logger.ts';
import { findTag } from './sip-address.ts';
import {
  createInviteClientTransaction,
  createNonInviteClientTransaction,
  type ClientTransaction,
  type ClientTransactionContext,
  type ClientTransactionHandlers,
  type ClientTransactionMachine,
} from './sip-client-transaction.ts';
import { BRANCH_MAGIC_COOKIE } from './sip-ids.ts';
import { findCSeq, findHeader, findTopVia, type SipMessage, type SipRequest, type SipResponse } from './sip-message.ts';
import {
  createInviteServerTransaction,
  createNonInviteServerTransaction,
  type ServerTransaction,
  type ServerTransactionContext,
  type ServerTransactionMachine,
} from './sip-server-transaction.ts';
import { resolveSipTimerConfig, type SipTimerConfig, type SipTimers } from './sip-timers.ts';
import type { SipDestination, SipSource } from './sip-transport-types.ts';

export type { ClientTransaction, ClientTransactionHandlers } from './sip-client-transaction.ts';
export type { ServerTransaction } from './sip-server-transaction.ts';

export interface SipTransactionLayerOptions {
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  timers: SipTimers;
  timerConfig?: Partial<SipTimerConfig>;
  log: Logger;
  /**
   * A request that starts a new server transaction, for the TU to answer through `transaction`. ACKs that
   * no transaction absorbs (the ACK for a 2xx belongs to the dialog) arrive with `transaction` undefined.
   */
  onRequest(request: SipRequest, source: SipSource, transaction: ServerTransaction | undefined): void;
  /** A response no client transaction matches, e.g. a 2xx retransmitted after the INVITE transaction ended. */
  onStrayResponse?(response: SipResponse, source: SipSource): void;
}

export interface SipTransactionLayer {
  readonly config: SipTimerConfig;
  receive(message: SipMessage, source: SipSource): void;
  /** Sends `request` (its top Via must carry a fresh branch) in a new client transaction. */
  sendRequest(request: SipRequest, destination: SipDestination, handlers: ClientTransactionHandlers): ClientTransaction;
  /** The INVITE server transaction a CANCEL or ACK refers to: same branch and sent-by (RFC 3261 9.2). */
  findInviteTransaction(request: SipRequest): ServerTransaction | undefined;
  counts(): { server: number; client: number };
  stop(): void;
}

/**
 * RFC 3261 17.2.3: branch + sent-by + method, with ACK keyed as the INVITE it acknowledges. Peers without
 * the magic cookie (RFC 2543) are keyed on the dialog fields that survive into their ACK.
 */
export function serverTransactionKey(request: SipRequest, method = request.method): string | undefined {
  const via = findTopVia(request);
  const cseq = findCSeq(request);
  if (!via || !cseq) return undefined;
  const keyMethod = method === 'ACK' ? 'INVITE' : method;
  const sentBy = `${via.host.toLowerCase()}:${via.port ?? ''}`;
  if (via.branch?.startsWith(BRANCH_MAGIC_COOKIE)) return `${via.branch}|${sentBy}|${keyMethod}`;
  const fromTag = findTag(findHeader(request, 'From') ?? '') ?? '';
  return `2543|${findHeader(request, 'Call-ID') ?? ''}|${fromTag}|${cseq.seq}|${sentBy}|${via.branch ?? ''}|${keyMethod}`;
}

export function clientTransactionKey(message: SipMessage): string | undefined {
  const branch = findTopVia(message)?.branch;
  const cseq = findCSeq(message);
  if (!branch || !cseq) return undefined;
  return `${branch}|${cseq.method === 'ACK' ? 'INVITE' : cseq.method}`;
}

export function createSipTransactionLayer(options: SipTransactionLayerOptions): SipTransactionLayer {
  const config = resolveSipTimerConfig(options.timerConfig);
  const { log } = options;
  const servers = new Map<string, ServerTransactionMachine>();
  const clients = new Map<string, ClientTransactionMachine>();
  const serverContext: ServerTransactionContext = {
    timers: options.timers,
    config,
    log,
    send: options.send,
    onTerminated: (key) => servers.delete(key),
  };
  const clientContext: ClientTransactionContext = {
    timers: options.timers,
    config,
    log,
    send: options.send,
    onTerminated: (key) => clients.delete(key),
  };

  // Handlers also run from timers, where a throw would take the process down.
  function guard(handlers: ClientTransactionHandlers, key: string): ClientTransactionHandlers {
    const safely =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        try {
          fn(...args);
        } catch (error) {
          log.error('sip client transaction handler failed', { key, error });
        }
      };
    return {
      onResponse: safely(handlers.onResponse),
      onTimeout: safely(handlers.onTimeout),
      onTransportError: safely(handlers.onTransportError),
    };
  }

  function receiveRequest(request: SipRequest, source: SipSource): void {
    const key = serverTransactionKey(request);
    if (key === undefined) return;
    const existing = servers.get(key);
    if (request.method === 'ACK') {
      if (existing && (existing.state === 'completed' || existing.state === 'confirmed')) existing.receiveAck();
      else options.onRequest(request, source, undefined);
      return;
    }
    if (existing) {
      existing.receiveRetransmission();
      return;
    }
    const create = request.method === 'INVITE' ? createInviteServerTransaction : createNonInviteServerTransaction;
    const transaction = create(serverContext, key, request, source);
    servers.set(key, transaction);
    options.onRequest(request, source, transaction);
  }

  function receiveResponse(response: SipResponse, source: SipSource): void {
    const key = clientTransactionKey(response);
    const transaction = key === undefined ? undefined : clients.get(key);
    if (transaction) transaction.receiveResponse(response);
    else options.onStrayResponse?.(response, source);
  }

  return {
    config,
    receive(message, source) {
      if (message.type === 'request') receiveRequest(message, source);
      else receiveResponse(message, source);
    },
    sendRequest(request, destination, handlers) {
      const key = clientTransactionKey(request);
      if (key === undefined) throw new RangeError('a client request needs a Via branch and a CSeq');
      if (clients.has(key)) throw new RangeError(`client transaction ${key} already exists`);
      const create = request.method === 'INVITE' ? createInviteClientTransaction : createNonInviteClientTransaction;
      const transaction = create(clientContext, key, request, destination, guard(handlers, key));
      clients.set(key, transaction);
      transaction.start();
      return transaction;
    },
    findInviteTransaction(request) {
      const key = serverTransactionKey(request, 'INVITE');
      return key === undefined ? undefined : servers.get(key);
    },
    counts: () => ({ server: servers.size, client: clients.size }),
    stop() {
      for (const transaction of [...servers.values()]) transaction.terminate();
      for (const transaction of [...clients.values()]) transaction.terminate();
    },
  };
}
