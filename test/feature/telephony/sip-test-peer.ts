import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { parseSipMessage, serializeSipMessage, type SipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';

/** A scripted SIP peer on loopback: sends raw bytes, collects whatever the agent answers. */
export interface SipTestPeer {
  readonly port: number;
  readonly received: SipMessage[];
  send(data: string | Uint8Array): Promise<void>;
  /** The first not-yet-taken message matching `predicate`, waiting up to `timeoutMs`. */
  expect(predicate: (message: SipMessage) => boolean, timeoutMs?: number): Promise<SipMessage>;
  /** Fails when a matching message arrives within `ms`. */
  expectNothing(predicate: (message: SipMessage) => boolean, ms: number): Promise<void>;
  close(): Promise<void>;
  readonly closed: boolean;
}

function createInbox() {
  const received: SipMessage[] = [];
  const taken = new Set<SipMessage>();
  const waiters = new Set<() => void>();
  const push = (message: SipMessage) => {
    received.push(message);
    for (const wake of [...waiters]) wake();
  };
  const expect = (predicate: (m: SipMessage) => boolean, timeoutMs = 3000) =>
    new Promise<SipMessage>((resolve, reject) => {
      const check = () => {
        const found = received.find((m) => !taken.has(m) && predicate(m));
        if (!found) return false;
        taken.add(found);
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching SIP message within ${timeoutMs} ms; got ${received.map(describe).join(', ') || 'nothing'}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  const expectNothing = async (predicate: (m: SipMessage) => boolean, ms: number) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const found = received.find((m) => !taken.has(m) && predicate(m));
    if (found) throw new Error(`unexpected ${describe(found)}`);
  };
  return { received, push, expect, expectNothing };
}

export function describe(message: SipMessage): string {
  return message.type === 'request' ? message.method : `${message.status} ${message.reason}`;
}

export async function createUdpPeer(agentPort: number): Promise<SipTestPeer> {
  const socket = createSocket('udp4');
  const inbox = createInbox();
  let closed = false;
  socket.on('message', (bytes) => {
    const result = parseSipMessage(bytes);
    if (result.ok) inbox.push(result.message);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    received: inbox.received,
    expect: inbox.expect,
    expectNothing: inbox.expectNothing,
    get closed() {
      return closed;
    },
    send: (data) => new Promise((resolve, reject) => socket.send(data, agentPort, '127.0.0.1', (e) => (e ? reject(e) : resolve()))),
    close: () => {
      closed = true;
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}

export async function createTcpPeer(agentPort: number): Promise<SipTestPeer & { socket: Socket }> {
  const socket = connect({ host: '127.0.0.1', port: agentPort });
  const inbox = createInbox();
  let buffer = Buffer.alloc(0);
  let closed = false;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const result = parseSipMessage(buffer, { stream: true });
      if (!result.ok) break;
      inbox.push(result.message);
      buffer = buffer.subarray(result.bytesConsumed);
    }
  });
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    port: socket.localPort ?? 0,
    received: inbox.received,
    expect: inbox.expect,
    expectNothing: inbox.expectNothing,
    get closed() {
      return closed;
    },
    send: (data) => new Promise((resolve, reject) => socket.write(data, (e) => (e ? reject(e) : resolve()))),
    close: async () => {
      socket.destroy();
    },
  };
}

export interface RequestSpec {
  method: string;
  peer: { port: number };
  transport?: 'UDP' | 'TCP';
  branch: string;
  callId: string;
  cseq: number;
  cseqMethod?: string;
  fromTag?: string;
  toTag?: string;
  uri?: string;
  extra?: string[];
  body?: string;
  contentType?: string;
}

export function buildRequest(spec: RequestSpec): string {
  const transport = spec.transport ?? 'UDP';
  const body = spec.body ?? '';
  const lines = [
    `${spec.method} ${spec.uri ?? 'sip:100@127.0.0.1'} SIP/2.0`,
    `Via: SIP/2.0/${transport} 127.0.0.1:${spec.peer.port};branch=${spec.branch};rport`,
    'Max-Forwards: 70',
    `From: "Ana García" <sip:600111222@127.0.0.1>;tag=${spec.fromTag ?? 'from-1'}`,
    `To: <sip:100@127.0.0.1>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq} ${spec.cseqMethod ?? spec.method}`,
    `Contact: <sip:ana@127.0.0.1:${spec.peer.port}${transport === 'TCP' ? ';transport=tcp' : ''}>`,
    ...(spec.contentType ? [`Content-Type: ${spec.contentType}`] : []),
    ...(spec.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ];
  return lines.join('\r\n');
}

export const offerSdp = [
  'v=0',
  'o=- 1700000000 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  '',
].join('\r\n');

/** The bytes of a response to `request`, as a peer would answer it. */
export function replyTo(request: SipRequest, status: number, reason: string): Uint8Array {
  return serializeSipMessage(buildResponse(request, status, reason, { toTag: 'peer' }));
}
