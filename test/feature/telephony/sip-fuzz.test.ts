import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { findHeader } from '../../../src/server/telephony/sip/sip-message.ts';
import { createSipTransport } from '../../../src/server/telephony/sip/sip-transport.ts';
import { createSipUserAgent } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { buildRequest, createTcpPeer, createUdpPeer, offerSdp } from './sip-test-peer.ts';

/** A seeded generator, so a failure replays identically. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function mutate(text: string, random: () => number): Buffer {
  const bytes = Buffer.from(text);
  const at = Math.floor(random() * bytes.length);
  const op = random();
  if (op < 0.4) {
    bytes[at] = Math.floor(random() * 256);
    return bytes;
  }
  if (op < 0.7) return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(random() * 20))]);
  if (op < 0.9) return Buffer.concat([bytes.subarray(0, at), Buffer.from(':;<>",=\r\n'.charAt(Math.floor(random() * 10))), bytes.subarray(at)]);
  return bytes;
}

test('mutated requests of every method over UDP and TCP never crash the agent, which keeps answering', async () => {
  const log = createLogger('silent');
  const ua = createSipUserAgent({
    transport: createSipTransport({ host: '127.0.0.1', udpPort: 0, log }),
    log,
    timerConfig: { t1: 20 },
    onCall: (call) => {
      call.ringing();
      if (call.callId.endsWith('1')) call.reject(486, 'Busy Here');
      else call.answer(offerSdp);
    },
  });
  const bound = await ua.start();
  const random = seeded(20261123);
  const methods = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'INFO', 'OPTIONS', 'REGISTER', 'FOO'];
  const udp = await createUdpPeer(bound.udpPort);
  const tcp = await createTcpPeer(bound.tcpPort);
  try {
    for (let round = 0; round < 600; round++) {
      const method = methods[Math.floor(random() * methods.length)] ?? 'OPTIONS';
      const viaTcp = round % 4 === 0 && !tcp.closed;
      const peer = viaTcp ? tcp : udp;
      const text = buildRequest({
        method,
        peer,
        transport: viaTcp ? 'TCP' : 'UDP',
        branch: `z9hG4bKf${Math.floor(random() * 40)}`,
        callId: `fuzz-${Math.floor(random() * 12)}`,
        cseq: 1 + Math.floor(random() * 3),
        toTag: random() < 0.5 ? undefined : 'x',
        contentType: method === 'INFO' ? 'application/dtmf-relay' : 'application/sdp',
        body: method === 'INVITE' ? offerSdp : method === 'INFO' ? 'Signal=5\r\n' : '',
      });
      await peer.send(mutate(text, random)).catch(() => undefined);
      if (round % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(ua.stats().transport.parseErrors > 0, 'the mutations did reach the parser');
    await udp.send(buildRequest({ method: 'OPTIONS', peer: udp, branch: 'z9hG4bKafter', callId: 'after-fuzz', cseq: 1 }));
    await udp.expect((m) => m.type === 'response' && m.status === 200 && findHeader(m, 'Call-ID') === 'after-fuzz');
  } finally {
    await udp.close();
    await tcp.close();
    await ua.stop();
  }
});
