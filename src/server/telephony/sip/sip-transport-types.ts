import type { SipMessage } from './sip-message.ts';

export type SipTransportKind = 'udp' | 'tcp';

/** A TCP connection a message arrived on; replies and in-dialog requests reuse it while it is open. */
export interface SipConnection {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly closed: boolean;
}

export interface SipSource {
  transport: SipTransportKind;
  address: string;
  port: number;
  connection?: SipConnection;
}

export interface SipDestination {
  transport: SipTransportKind;
  address: string;
  port: number;
  /** Preferred over opening a new connection when still open. */
  connection?: SipConnection;
}

export interface SipBoundPorts {
  address: string;
  udpPort: number;
  tcpPort: number;
}

export type SipMessageHandler = (message: SipMessage, source: SipSource) => void;

export interface SipTransportStats {
  messagesReceived: number;
  messagesSent: number;
  parseErrors: number;
  /** Parse failures by reason (`truncated`, `invalid-content-length`, ...). */
  parseErrorsByReason: Record<string, number>;
  badRequestsAnswered: number;
  oversizedDropped: number;
  sendErrors: number;
  handlerErrors: number;
  tcpConnectionsOpen: number;
  tcpConnectionsRefused: number;
  keepalives: number;
}

export interface SipTransport {
  start(onMessage: SipMessageHandler): Promise<SipBoundPorts>;
  /** Rejects when the message cannot be serialised or the network refuses it. */
  send(message: SipMessage, destination: SipDestination): Promise<void>;
  stats(): SipTransportStats;
  stop(): Promise<void>;
}
