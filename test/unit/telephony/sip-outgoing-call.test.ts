import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDigestServer, parseDigestHeader } from '../../../src/server/telephony/sip/sip-digest.ts';
import { findCSeq, findHeader, findTopVia, type SipMessage, type SipRequest, type SipResponse } from '../../../src/server/telephony/sip/sip-message.ts';
import { failureOf, type OutgoingCallEvents } from '../../../src/server/telephony/sip/sip-outgoing-call.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';
import type { SipDestination, SipMessageHandler, SipSource, SipTransport, SipTransportStats } from '../../../src/server/telephony/sip/sip-transport-types.ts';
import { createSipUserAgent } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { createFakeSipTimers } from './fake-sip-timers.ts';
import { silentLogger } from './silent-logger.ts';

const phone: SipSource = { transport: 'udp', address: '127.0.0.1', port: 5070 };
const destination: SipDestination = { transport: 'udp', address: '127.0.0.1', port: 5070 };
const answerSdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n';
const flush = () => new Promise((resolve) => setImmediate(resolve));

async function setup() {
  const timers = createFakeSipTimers();
  const sent: SipMessage[] = [];
  let deliver: SipMessageHandler = () => undefined;
  const transport: SipTransport = {
    start: async (handler) => {
      deliver = handler;
      return { address: '127.0.0.1', udpPort: 5060, tcpPort: 5060 };
    },
    send: async (message) => void sent.push(message),
    stats: () => ({}) as SipTransportStats,
    stop: async () => undefined,
  };
  const ua = createSipUserAgent({ transport, timers, log: silentLogger, onCall: () => undefined });
  await ua.start();
  const events: Array<{ event: keyof OutgoingCallEvents; payload: unknown }> = [];
  const call = ua.invite({
    target: 'sip:1001@127.0.0.1:5070', destination, to: 'sip:1001@centralita', from: { user: '+34611222333', displayName: 'Cliente' },
    sdpOffer: answerSdp, credentials: { username: 'desk', password: 'trunk-secret' },
  });
  for (const event of ['progress', 'answered', 'failed', 'ended'] as const) call.on(event, (payload) => events.push({ event, payload }));
  await flush();
  const requests = (method: string) => sent.filter((m): m is SipRequest => m.type === 'request' && m.method === method);
  const invite = () => requests('INVITE').at(-1)!;
  const reply = async (request: SipRequest, status: number, reason: string, options: { toTag?: string; headers?: SipResponse['headers']; body?: string } = {}) => {
    deliver(buildResponse(request, status, reason, { toTag: options.toTag ?? 'phone-tag', headers: options.headers ?? [], body: options.body ?? '' }), phone);
    await flush();
  };
  const receive = async (message: SipMessage) => {
    deliver(message, phone);
    await flush();
  };
  return { timers, sent, call, events, requests, invite, reply, receive };
}

test('INVITE, 180, 200: the 2xx is acknowledged in the dialog with the INVITE\'s CSeq, and a BYE from the phone ends the call', async () => {
  const { call, events, requests, invite, reply, receive } = await setup();
  const first = invite();
  assert.match(findHeader(first, 'From')!, /^"Cliente" <sip:\+34611222333@127\.0\.0\.1>;tag=/);
  assert.equal(findHeader(first, 'To'), '<sip:1001@centralita>');
  assert.equal(findHeader(first, 'Content-Type'), 'application/sdp');
  await reply(first, 180, 'Ringing');
  assert.equal(call.state, 'proceeding');
  await reply(first, 200, 'OK', { headers: [{ name: 'Contact', value: '<sip:1001@127.0.0.1:5070;ob>' }, { name: 'Content-Type', value: 'application/sdp' }], body: answerSdp });
  assert.equal(call.state, 'confirmed');
  const ack = requests('ACK')[0]!;
  assert.equal(ack.uri, 'sip:1001@127.0.0.1:5070;ob', 'the ACK goes to the Contact of the 200');
  assert.equal(findCSeq(ack)?.seq, findCSeq(first)?.seq);
  assert.notEqual(findTopVia(ack)?.branch, findTopVia(first)?.branch, 'the ACK of a 2xx is a new transaction');
  assert.match(findHeader(ack, 'To')!, /tag=phone-tag/);
  // A retransmitted 200 is acknowledged again.
  await reply(first, 200, 'OK', { headers: [{ name: 'Contact', value: '<sip:1001@127.0.0.1:5070;ob>' }], body: answerSdp });
  assert.equal(requests('ACK').length, 2);
  assert.deepEqual(events.map((e) => e.event), ['progress', 'answered']);

  const bye: SipRequest = {
    type: 'request', method: 'BYE', uri: 'sip:centralita@127.0.0.1:5060', body: '',
    headers: [
      { name: 'Via', value: 'SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKbye1' },
      { name: 'From', value: findHeader(ack, 'To')! },
      { name: 'To', value: findHeader(ack, 'From')! },
      { name: 'Call-ID', value: call.callId },
      { name: 'CSeq', value: '5 BYE' },
    ],
  };
  await receive(bye);
  assert.equal(call.state, 'ended');
  assert.deepEqual(events.at(-1), { event: 'ended', payload: { reason: 'remote_bye' } });
});

test('hangup after the answer sends a BYE with the next CSeq', async () => {
  const { call, events, requests, invite, reply } = await setup();
  await reply(invite(), 200, 'OK', { headers: [{ name: 'Contact', value: '<sip:1001@127.0.0.1:5070>' }], body: answerSdp });
  call.hangup();
  const bye = requests('BYE')[0]!;
  assert.equal(findCSeq(bye)?.seq, findCSeq(invite())!.seq + 1);
  assert.deepEqual(events.at(-1), { event: 'ended', payload: { reason: 'local_bye' } });
});

test('cancel before any provisional waits for one, then CANCELs on the INVITE\'s branch; the 487 fails the call as cancelled', async () => {
  const { call, events, requests, invite, reply } = await setup();
  call.cancel();
  assert.equal(requests('CANCEL').length, 0, 'no CANCEL before a provisional (RFC 3261 9.1)');
  await reply(invite(), 180, 'Ringing');
  const cancel = requests('CANCEL')[0]!;
  assert.equal(findTopVia(cancel)?.branch, findTopVia(invite())?.branch);
  assert.equal(findCSeq(cancel)?.seq, findCSeq(invite())?.seq);
  await reply(invite(), 487, 'Request Terminated');
  assert.equal(requests('ACK').length, 1, 'the transaction acknowledges the 487');
  assert.deepEqual(events.at(-1), { event: 'failed', payload: { reason: 'cancelled', status: 487 } });
  assert.equal(call.state, 'ended');
});

test('a 200 that crosses our CANCEL is acknowledged and ended with a BYE', async () => {
  const { call, events, requests, invite, reply } = await setup();
  await reply(invite(), 180, 'Ringing');
  call.cancel();
  await reply(invite(), 200, 'OK', { headers: [{ name: 'Contact', value: '<sip:1001@127.0.0.1:5070>' }], body: answerSdp });
  assert.equal(requests('ACK').length, 1);
  assert.equal(requests('BYE').length, 1);
  assert.deepEqual(events.map((e) => e.event), ['progress', 'failed']);
});

test('busy, declined and other final responses fail with their reason', async () => {
  assert.equal(failureOf(486), 'busy');
  assert.equal(failureOf(603), 'declined');
  assert.equal(failureOf(480), 'timeout');
  assert.equal(failureOf(404), 'unreachable');
  assert.equal(failureOf(488), 'rejected');
  const { events, invite, reply } = await setup();
  await reply(invite(), 486, 'Busy Here');
  assert.deepEqual(events.at(-1), { event: 'failed', payload: { reason: 'busy', status: 486 } });
});

test('a 407 challenge is answered once with Proxy-Authorization and the next CSeq; a second one fails', async () => {
  const { events, requests, invite, reply } = await setup();
  const digest = createDigestServer({ realm: 'provider', secret: 'k', now: () => 0 });
  const first = invite();
  await reply(first, 407, 'Proxy Authentication Required', { headers: digest.challenge().slice(0, 1).map((value) => ({ name: 'Proxy-Authenticate', value })) });
  assert.equal(requests('INVITE').length, 2);
  const second = invite();
  assert.equal(findCSeq(second)?.seq, findCSeq(first)!.seq + 1);
  assert.equal(findHeader(second, 'Call-ID'), findHeader(first, 'Call-ID'));
  const authorization = parseDigestHeader(findHeader(second, 'Proxy-Authorization')!);
  assert.equal(authorization?.params.get('username'), 'desk');
  const check = digest.verify(findHeader(second, 'Proxy-Authorization'), 'INVITE', () => ({ password: 'trunk-secret' }));
  assert.equal(check.ok, true);
  await reply(second, 407, 'Proxy Authentication Required', { headers: digest.challenge().slice(0, 1).map((value) => ({ name: 'Proxy-Authenticate', value })) });
  assert.deepEqual(events.at(-1), { event: 'failed', payload: { reason: 'unauthorized', status: 407 } });
});

test('no answer at all: Timer B fails the call as a timeout', async () => {
  const { timers, events } = await setup();
  timers.advance(64 * 500 + 1);
  assert.deepEqual(events.at(-1), { event: 'failed', payload: { reason: 'timeout' } });
});
