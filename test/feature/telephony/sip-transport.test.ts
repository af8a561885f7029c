import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { findHeader, parseSipMessage, type SipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';
import { createSipTransport } from '../../../src/server/telephony/sip/sip-transport.ts';
import { createSipUserAgent } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { createTcpPeer, createUdpPeer } from './sip-test-peer.ts';

const log = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('TCP: idle connections are closed, and a double-CRLF keepalive gets its CRLF pong', async () => {
  const transport = createSipTransport({ host: '127.0.0.1', udpPort: 0, log, tcpIdleTimeoutMs: 300 });
  const bound = await transport.start(() => undefined);
  try {
    const peer = await createTcpPeer(bound.tcpPort);
    const pong = new Promise<string>((resolve) => peer.socket.once('data', (chunk) => resolve(chunk.toString())));
    await peer.send('\r\n\r\n');
    assert.equal(await pong, '\r\n');
    assert.equal(transport.stats().keepalives, 1);
    await sleep(200);
    assert.equal(peer.closed, false, 'traffic resets the idle timer');
    await sleep(400);
    assert.equal(peer.closed, true);
  } finally {
    await transport.stop();
  }
});

test('TCP: connections beyond the limit are refused and counted', async () => {
  const transport = createSipTransport({ host: '127.0.0.1', udpPort: 0, log, maxTcpConnections: 1 });
  const bound = await transport.start(() => undefined);
  try {
    const first = await createTcpPeer(bound.tcpPort);
    const second = await createTcpPeer(bound.tcpPort);
    await sleep(100);
    assert.equal(second.closed, true);
    assert.equal(first.closed, false);
    assert.equal(transport.stats().tcpConnectionsRefused, 1);
    await first.close();
  } finally {
    await transport.stop();
  }
});

test('outbound requests: over UDP to a peer, and over a new TCP connection to a listening registrar', async () => {
  const ua = createSipUserAgent({ transport: createSipTransport({ host: '127.0.0.1', udpPort: 0, log }), log, timerConfig: { t1: 100 }, onCall: () => undefined });
  const bound = await ua.start();
  const registrar = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const result = parseSipMessage(buffer, { stream: true });
      if (!result.ok || result.message.type !== 'request') return;
      buffer = buffer.subarray(result.bytesConsumed);
      const response = buildResponse(result.message, 200, 'OK', { toTag: 'reg', headers: [{ name: 'Expires', value: '300' }] });
      const lines = ['SIP/2.0 200 OK', ...response.headers.map((h) => `${h.name}: ${h.value}`), 'Content-Length: 0', '', ''];
      socket.write(lines.join('\r\n'));
    });
  });
  await new Promise<void>((resolve) => registrar.listen(0, '127.0.0.1', resolve));
  const registrarPort = (registrar.address() as { port: number }).port;
  const udpPeer = await createUdpPeer(bound.udpPort);
  try {
    const request = (method: string, uri: string): SipRequest => ({
      type: 'request',
      method,
      uri,
      headers: [
        { name: 'From', value: '<sip:centralita@127.0.0.1>;tag=out' },
        { name: 'To', value: `<${uri}>` },
        { name: 'Call-ID', value: `out-${method}` },
        { name: 'CSeq', value: `1 ${method}` },
        { name: 'Contact', value: `<${ua.contactUri('tcp')}>` },
      ],
      body: '',
    });
    const pending = ua.request(request('OPTIONS', `sip:peer@127.0.0.1:${udpPeer.port}`));
    const received = (await udpPeer.expect((m) => m.type === 'request')) as SipRequest;
    assert.match(findHeader(received, 'Via') ?? '', new RegExp(`^SIP/2\\.0/UDP 127\\.0\\.0\\.1:${bound.udpPort};branch=z9hG4bK\\w+;rport$`));
    assert.equal(findHeader(received, 'Max-Forwards'), '70');
    const retransmitted = await udpPeer.expect((m) => m.type === 'request', 1000);
    assert.equal(findHeader(retransmitted, 'Via'), findHeader(received, 'Via'), 'Timer E retransmits the same request');
    const reply = buildResponse(received, 200, 'OK', { toTag: 'p' });
    await udpPeer.send(['SIP/2.0 200 OK', ...reply.headers.map((h) => `${h.name}: ${h.value}`), 'Content-Length: 0', '', ''].join('\r\n'));
    const outcome = await pending;
    assert.equal(outcome.kind === 'response' && outcome.response.status, 200);

    const register = await ua.request(request('REGISTER', `sip:127.0.0.1:${registrarPort};transport=tcp`));
    assert.equal(register.kind, 'response');
    const response = register.kind === 'response' ? (register.response as SipMessage) : undefined;
    assert.equal(response && findHeader(response, 'Expires'), '300');
    assert.equal(ua.stats().transport.tcpConnectionsOpen, 1);

    const nowhere = await ua.request(request('OPTIONS', 'sip:127.0.0.1:1;transport=tcp'));
    assert.equal(nowhere.kind, 'transport_error');
  } finally {
    await udpPeer.close();
    await ua.stop();
    await new Promise((resolve) => registrar.close(resolve));
  }
});
