import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from '../../platform/logger.ts';
import { buildBadRequestResponse } from './sip-malformed.ts';
import { parseSipMessage, serializeSipMessage, type SipMessage, type SipParseResult } from './sip-message.ts';
import { stampReceived } from './sip-routing.ts';
import { createSipTcpEndpoint, normaliseAddress } from './sip-transport-tcp.ts';
import type { SipDestination, SipMessageHandler, SipSource, SipTransport, SipTransportStats } from './sip-transport-types.ts';

export interface SipTransportOptions {
  /** Address to bind, e.g. `127.0.0.1` or `0.0.0.0`. */
  host: string;
  /** 0 binds an ephemeral port (tests); the bound port is reported by start(). */
  udpPort?: number;
  /** Defaults to the UDP port, so Via and Contact carry one port for both transports. */
  tcpPort?: number;
  log: Logger;
  maxMessageBytes?: number;
  tcpIdleTimeoutMs?: number;
  tcpConnectTimeoutMs?: number;
  maxTcpConnections?: number;
}

const UDP_MAX_DATAGRAM = 65507;

function emptyStats(): SipTransportStats {
  return {
    messagesReceived: 0,
    messagesSent: 0,
    parseErrors: 0,
    parseErrorsByReason: {},
    badRequestsAnswered: 0,
    oversizedDropped: 0,
    sendErrors: 0,
    handlerErrors: 0,
    tcpConnectionsOpen: 0,
    tcpConnectionsRefused: 0,
    keepalives: 0,
  };
}

/** SIP over UDP and TCP (RFC 3261 18): framing, size limits, RFC 3581 stamping, and never a throw on bad bytes. */
export function createSipTransport(options: SipTransportOptions): SipTransport {
  const log = options.log;
  const maxMessageBytes = Math.min(options.maxMessageBytes ?? 65535, UDP_MAX_DATAGRAM);
  const stats = emptyStats();
  let handler: SipMessageHandler | undefined;
  let udp: Socket | undefined;

  function handleParsed(result: SipParseResult, bytes: Uint8Array, source: SipSource): void {
    if (result.ok) {
      stats.messagesReceived++;
      if (result.message.type === 'request') stampReceived(result.message, source);
      try {
        handler?.(result.message, source);
      } catch (error) {
        stats.handlerErrors++;
        log.error('sip message handler failed', { error, transport: source.transport });
      }
      return;
    }
    if (result.reason === 'empty') {
      stats.keepalives++;
      return;
    }
    stats.parseErrors++;
    stats.parseErrorsByReason[result.reason] = (stats.parseErrorsByReason[result.reason] ?? 0) + 1;
    log.debug('sip message refused', { reason: result.reason, detail: result.detail, address: source.address, port: source.port });
    const response = buildBadRequestResponse(bytes, result.reason, maxMessageBytes);
    if (!response) return;
    stats.badRequestsAnswered++;
    // The refused request's Via cannot be trusted, so the 400 goes back exactly where the bytes came from.
    // This call must reach the socket synchronously: on a TCP stream whose framing is lost, the caller ends the connection next.
    send(response, { ...source }).catch(() => undefined);
  }

  const tcp = createSipTcpEndpoint({
    host: options.host,
    maxMessageBytes,
    // Long enough for a quiet call: when it does close, in-dialog requests fall back to the peer's Contact.
    idleTimeoutMs: options.tcpIdleTimeoutMs ?? 900_000,
    connectTimeoutMs: options.tcpConnectTimeoutMs ?? 5_000,
    maxConnections: options.maxTcpConnections ?? 1024,
    log,
    onParsed: handleParsed,
    onKeepalive: () => stats.keepalives++,
    onRefused: () => stats.tcpConnectionsRefused++,
  });

  function onDatagram(bytes: Buffer, address: string, port: number): void {
    if (bytes.length > maxMessageBytes) {
      stats.oversizedDropped++;
      return;
    }
    const source: SipSource = { transport: 'udp', address: normaliseAddress(address), port };
    handleParsed(parseSipMessage(bytes, { maxHeaderBytes: maxMessageBytes, maxBodyBytes: maxMessageBytes }), bytes, source);
  }

  function sendDatagram(bytes: Uint8Array, destination: SipDestination): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!udp) return reject(new Error('sip udp transport is not started'));
      udp.send(bytes, destination.port, destination.address, (error) => (error ? reject(error) : resolve()));
    });
  }

  async function send(message: SipMessage, destination: SipDestination): Promise<void> {
    try {
      const bytes = serializeSipMessage(message);
      if (destination.transport === 'udp') await sendDatagram(bytes, destination);
      else await tcp.send(bytes, destination);
      stats.messagesSent++;
    } catch (error) {
      stats.sendErrors++;
      log.debug('sip send failed', { error: (error as Error).message, address: destination.address, port: destination.port });
      throw error;
    }
  }

  function bindUdp(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: options.host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
      socket.once('error', reject);
      socket.on('message', (bytes, rinfo) => onDatagram(bytes, rinfo.address, rinfo.port));
      socket.bind(port, options.host, () => {
        socket.removeListener('error', reject);
        socket.on('error', (error) => log.error('sip udp socket error', { error: error.message }));
        udp = socket;
        resolve(socket.address().port);
      });
    });
  }

  return {
    async start(onMessage) {
      handler = onMessage;
      const udpPort = await bindUdp(options.udpPort ?? 5060);
      let tcpPort: number;
      try {
        tcpPort = await tcp.listen(options.tcpPort ?? udpPort).catch((error: unknown) => {
          // An ephemeral UDP port may be taken on TCP; only then does TCP get its own ephemeral port.
          if (options.tcpPort !== undefined || options.udpPort !== 0) throw error;
          return tcp.listen(0);
        });
      } catch (error) {
        udp?.close();
        udp = undefined;
        throw error;
      }
      log.info('sip transport listening', { address: options.host, udpPort, tcpPort });
      return { address: options.host, udpPort, tcpPort };
    },
    send,
    stats: () => ({ ...stats, parseErrorsByReason: { ...stats.parseErrorsByReason }, tcpConnectionsOpen: tcp.openConnections() }),
    async stop() {
      handler = undefined;
      await tcp.close();
      await new Promise<void>((resolve) => (udp ? udp.close(() => resolve()) : resolve()));
      udp = undefined;
    },
  };
}
