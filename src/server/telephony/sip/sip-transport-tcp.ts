import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Logger } from '../../platform/logger.ts';
import { findFrameLength } from './sip-malformed.ts';
import { parseSipMessage, type SipParseResult } from './sip-message.ts';
import type { SipConnection, SipDestination, SipSource } from './sip-transport-types.ts';

export interface SipTcpOptions {
  host: string;
  maxMessageBytes: number;
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  maxConnections: number;
  log: Logger;
  /** One framed message: parsed, or refused with the bytes it covered (the whole buffer once framing is lost). */
  onParsed(result: SipParseResult, bytes: Uint8Array, source: SipSource): void;
  onKeepalive(): void;
  onRefused(): void;
}

export interface SipTcpEndpoint {
  listen(port: number): Promise<number>;
  send(bytes: Uint8Array, destination: SipDestination): Promise<void>;
  openConnections(): number;
  close(): Promise<void>;
}

interface TcpConnection extends SipConnection {
  socket: Socket;
  buffer: Buffer;
  closed: boolean;
}

/** Failures after which the next message's start is unknown, so the stream cannot continue. */
const FRAMING_LOST = new Set(['invalid-content-length', 'missing-content-length', 'body-too-large', 'headers-too-large']);
const PING = Buffer.from('\r\n\r\n');

export function normaliseAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export function createSipTcpEndpoint(options: SipTcpOptions): SipTcpEndpoint {
  const { log, maxMessageBytes } = options;
  const connections = new Map<string, TcpConnection>();
  const byId = new Map<number, TcpConnection>();
  const connecting = new Map<string, Promise<TcpConnection>>();
  let nextId = 1;
  let server: Server | undefined;

  const keyOf = (address: string, port: number) => `${address}|${port}`;

  function adopt(socket: Socket, dialledKey?: string): TcpConnection {
    const conn: TcpConnection = {
      id: nextId++,
      socket,
      remoteAddress: normaliseAddress(socket.remoteAddress),
      remotePort: socket.remotePort ?? 0,
      buffer: Buffer.alloc(0),
      closed: false,
    };
    // An outbound connection is also found under the name it was dialled by, which may be a host name.
    const keys = [keyOf(conn.remoteAddress, conn.remotePort), ...(dialledKey ? [dialledKey] : [])];
    for (const key of keys) connections.set(key, conn);
    byId.set(conn.id, conn);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs);
    socket.on('timeout', () => socket.destroy());
    socket.on('error', (error) => log.debug('sip tcp connection error', { connection: conn.id, error: error.message }));
    socket.on('close', () => {
      conn.closed = true;
      conn.buffer = Buffer.alloc(0);
      for (const key of keys) if (connections.get(key) === conn) connections.delete(key);
      byId.delete(conn.id);
    });
    socket.on('data', (chunk: Buffer) => {
      conn.buffer = conn.buffer.length === 0 ? chunk : Buffer.concat([conn.buffer, chunk]);
      drain(conn);
    });
    return conn;
  }

  function drain(conn: TcpConnection): void {
    const source: SipSource = { transport: 'tcp', address: conn.remoteAddress, port: conn.remotePort, connection: conn };
    while (conn.buffer.length > 0 && !conn.closed) {
      let leading = 0;
      while (leading < conn.buffer.length && (conn.buffer[leading] === 13 || conn.buffer[leading] === 10)) leading++;
      if (leading === conn.buffer.length) {
        // RFC 5626 3.5.1: a double-CRLF ping is answered with one CRLF; a lone CRLF may be half of one.
        if (conn.buffer.subarray(0, 4).equals(PING)) {
          options.onKeepalive();
          conn.socket.write('\r\n');
          conn.buffer = conn.buffer.subarray(4);
        } else if (leading >= 4) conn.buffer = Buffer.alloc(0);
        return;
      }
      const result = parseSipMessage(conn.buffer, { stream: true, maxHeaderBytes: maxMessageBytes, maxBodyBytes: maxMessageBytes });
      if (result.ok) {
        const bytes = conn.buffer.subarray(0, result.bytesConsumed);
        conn.buffer = conn.buffer.subarray(result.bytesConsumed);
        options.onParsed(result, bytes, source);
        continue;
      }
      if (result.reason === 'truncated') return;
      const frame = FRAMING_LOST.has(result.reason) ? undefined : findFrameLength(conn.buffer, maxMessageBytes);
      if (frame === undefined) {
        options.onParsed(result, conn.buffer, source);
        conn.buffer = Buffer.alloc(0);
        conn.closed = true;
        // end() rather than destroy() so a 400 written just before still reaches the peer.
        conn.socket.end();
        return;
      }
      if (frame > conn.buffer.length) return;
      options.onParsed(result, conn.buffer.subarray(0, frame), source);
      conn.buffer = conn.buffer.subarray(frame);
    }
  }

  function write(conn: TcpConnection, bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (conn.closed || conn.socket.destroyed) return reject(new Error('sip tcp connection is closed'));
      conn.socket.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  function open(address: string, port: number): Promise<TcpConnection> {
    const key = keyOf(address, port);
    const pending = connecting.get(key);
    if (pending) return pending;
    const attempt = new Promise<TcpConnection>((resolve, reject) => {
      const socket = connect({ host: address, port });
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(options.connectTimeoutMs, () => fail(new Error(`sip tcp connect to ${address}:${port} timed out`)));
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.removeListener('error', fail);
        socket.setTimeout(0);
        socket.removeAllListeners('timeout');
        resolve(adopt(socket, key));
      });
    }).finally(() => connecting.delete(key));
    connecting.set(key, attempt);
    return attempt;
  }

  return {
    listen(port) {
      return new Promise((resolve, reject) => {
        const tcp = createServer((socket) => adopt(socket));
        tcp.maxConnections = options.maxConnections;
        tcp.on('drop', () => options.onRefused());
        tcp.once('error', reject);
        tcp.listen(port, options.host, () => {
          tcp.removeListener('error', reject);
          tcp.on('error', (error) => log.error('sip tcp server error', { error: error.message }));
          server = tcp;
          const bound = tcp.address();
          resolve(typeof bound === 'object' && bound ? bound.port : port);
        });
      });
    },
    async send(bytes, destination) {
      const preferred = destination.connection ? byId.get(destination.connection.id) : undefined;
      const existing = preferred && !preferred.closed ? preferred : connections.get(keyOf(destination.address, destination.port));
      const conn = existing && !existing.closed ? existing : await open(destination.address, destination.port);
      await write(conn, bytes);
    },
    openConnections: () => byId.size,
    close() {
      for (const conn of byId.values()) conn.socket.destroy();
      return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}
