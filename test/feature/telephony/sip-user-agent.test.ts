import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { buildSdp } from '../../../src/server/telephony/sip/sdp.ts';
import { answerDigestChallenge, createDigestServer, parseDigestHeader } from '../../../src/server/telephony/sip/sip-digest.ts';
import { findCSeq, findHeader, findTopVia, type SipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { createSipTransport } from '../../../src/server/telephony/sip/sip-transport.ts';
import { createSipUserAgent, type IncomingCall, type SipUserAgent } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { buildRequest, createTcpPeer, createUdpPeer, offerSdp, replyTo, type SipTestPeer } from './sip-test-peer.ts';

const log = createLogger('silent');
const answerSdp = buildSdp({ address: '127.0.0.1', port: 30000, sessionId: '7', sessionVersion: '1', codecs: [{ payloadType: 0, name: 'PCMU' }] });
const digest = createDigestServer({ realm: 'centralita', secret: randomBytes(16), now: () => Date.now() });
const calls: IncomingCall[] = [];
let ua: SipUserAgent;
let udpPort = 0;
let tcpPort = 0;
let autoAnswer = true;

before(async () => {
  ua = createSipUserAgent({
    transport: createSipTransport({ host: '127.0.0.1', udpPort: 0, log }),
    timerConfig: { t1: 100, t2: 400 },
    log,
    onInvite: (request) => {
      if (!request.uri.startsWith('sip:secure@')) return 'accept';
      const check = digest.verify(findHeader(request, 'Authorization'), 'INVITE', (user) => (user === '1001' ? { password: 'clave' } : undefined));
      if (check.ok) return 'accept';
      return { status: 401, reason: 'Unauthorized', headers: digest.challenge(check.stale).map((value) => ({ name: 'WWW-Authenticate', value })) };
    },
    onCall: (call) => {
      calls.push(call);
      if (!autoAnswer) return;
      call.ringing();
      setTimeout(() => call.answer(answerSdp), 20);
    },
  });
  const bound = await ua.start();
  udpPort = bound.udpPort;
  tcpPort = bound.tcpPort;
});

after(() => ua.stop());

const isResponse = (status: number, method?: string) => (m: SipMessage) =>
  m.type === 'response' && m.status === status && (method === undefined || findCSeq(m)?.method === method);
const id = () => randomBytes(6).toString('hex');
const toTagOf = (m: SipMessage) => /;tag=([^;>\s]+)/.exec(findHeader(m, 'To') ?? '')?.[1];

async function optionsAnswered(peer: SipTestPeer, transport: 'UDP' | 'TCP' = 'UDP'): Promise<SipMessage> {
  const callId = id();
  await peer.send(buildRequest({ method: 'OPTIONS', peer, transport, branch: `z9hG4bK${id()}`, callId, cseq: 1 }));
  return peer.expect((m) => isResponse(200, 'OPTIONS')(m) && findHeader(m, 'Call-ID') === callId);
}

/** Our hangup, confirmed by the peer's 200 to the BYE. */
async function hangUp(peer: SipTestPeer, call: IncomingCall): Promise<SipRequest> {
  const result = call.hangup();
  const bye = (await peer.expect((m) => m.type === 'request' && m.method === 'BYE')) as SipRequest;
  await peer.send(replyTo(bye, 200, 'OK'));
  assert.deepEqual(await result, { outcome: 'bye_accepted', status: 200 });
  return bye;
}

/** INVITE → 100/180/200 → ACK, over either transport; returns what the rest of a test needs. */
async function establish(peer: SipTestPeer, transport: 'UDP' | 'TCP' = 'UDP') {
  const callId = id();
  const before = calls.length;
  await peer.send(buildRequest({ method: 'INVITE', peer, transport, branch: `z9hG4bK${id()}`, callId, cseq: 1, contentType: 'application/sdp', body: offerSdp }));
  await peer.expect(isResponse(100, 'INVITE'));
  const ringing = await peer.expect(isResponse(180, 'INVITE'));
  const ok = await peer.expect(isResponse(200, 'INVITE'));
  const toTag = toTagOf(ok);
  assert.ok(toTag);
  assert.equal(toTagOf(ringing), toTag);
  const call = calls[before];
  assert.ok(call);
  const acked = new Promise((resolve) => call.on('acked', resolve));
  await peer.send(buildRequest({ method: 'ACK', peer, transport, branch: `z9hG4bK${id()}`, callId, cseq: 1, toTag }));
  await acked;
  return { callId, toTag, ok, call };
}

test('OPTIONS gets 200 with Allow and Accept, sent back to the source port with received/rport filled in', async () => {
  const peer = await createUdpPeer(udpPort);
  const callId = id();
  const request = buildRequest({ method: 'OPTIONS', peer, branch: 'z9hG4bKopt1', callId, cseq: 1 }).replace(
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port}`,
    'Via: SIP/2.0/UDP 192.0.2.1:5999',
  );
  await peer.send(request);
  const ok = await peer.expect(isResponse(200, 'OPTIONS'));
  assert.match(findHeader(ok, 'Allow') ?? '', /INVITE/);
  assert.equal(findHeader(ok, 'Accept'), 'application/sdp');
  const via = findTopVia(ok);
  assert.equal(via?.received, '127.0.0.1');
  assert.equal(via?.rport, peer.port);
  await peer.close();
});

test('a UDP call: 100, 180, 200 with SDP, ACK, and a BYE from the caller ends it', async () => {
  const peer = await createUdpPeer(udpPort);
  const { callId, toTag, ok, call } = await establish(peer);
  assert.equal(findHeader(ok, 'Content-Type'), 'application/sdp');
  assert.equal(ok.body, answerSdp);
  assert.match(findHeader(ok, 'Contact') ?? '', new RegExp(`<sip:centralita@127\\.0\\.0\\.1:${udpPort}>`));
  assert.equal(call.dialledNumber, '100');
  assert.equal(call.callerId, '600111222');
  assert.equal(call.callerName, 'Ana García');
  assert.equal(call.sdpOffer, offerSdp);
  const ended = new Promise((resolve) => call.on('ended', (e) => resolve(e.reason)));
  await peer.send(buildRequest({ method: 'BYE', peer, branch: `z9hG4bK${id()}`, callId, cseq: 2, toTag }));
  await peer.expect(isResponse(200, 'BYE'));
  assert.equal(await ended, 'remote_bye');
  await peer.expectNothing(isResponse(200, 'INVITE'), 250);
  await peer.close();
});

test('the same INVITE sent three times makes exactly one call', async () => {
  const peer = await createUdpPeer(udpPort);
  const before = calls.length;
  const callId = id();
  const invite = buildRequest({ method: 'INVITE', peer, branch: 'z9hG4bKtriple', callId, cseq: 1, contentType: 'application/sdp', body: offerSdp });
  for (let i = 0; i < 3; i++) await peer.send(invite);
  const ok = await peer.expect(isResponse(200, 'INVITE'));
  await peer.send(buildRequest({ method: 'ACK', peer, branch: 'z9hG4bKtripleack', callId, cseq: 1, toTag: toTagOf(ok) }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(calls.length - before, 1);
  await hangUp(peer, calls[before]!);
  await peer.close();
});

test('CANCEL before the answer: 200 to the CANCEL, 487 to the INVITE, and the ACK is absorbed', async () => {
  autoAnswer = false;
  const peer = await createUdpPeer(udpPort);
  const callId = id();
  const before = calls.length;
  await peer.send(buildRequest({ method: 'INVITE', peer, branch: 'z9hG4bKcancel', callId, cseq: 1, contentType: 'application/sdp', body: offerSdp }));
  await peer.expect(isResponse(100, 'INVITE'));
  const call = calls[before];
  assert.ok(call);
  const events: string[] = [];
  call.on('cancelled', () => events.push('cancelled'));
  call.on('ended', (e) => events.push(`ended ${e.reason}`));
  await peer.send(buildRequest({ method: 'CANCEL', peer, branch: 'z9hG4bKcancel', callId, cseq: 1 }));
  await peer.expect(isResponse(200, 'CANCEL'));
  const terminated = await peer.expect(isResponse(487, 'INVITE'));
  await peer.send(buildRequest({ method: 'ACK', peer, branch: 'z9hG4bKcancel', callId, cseq: 1, toTag: toTagOf(terminated) }));
  await peer.expectNothing(() => true, 500);
  assert.deepEqual(events, ['cancelled', 'ended cancelled']);
  assert.equal(call.answer(answerSdp), false, 'too late to answer');
  autoAnswer = true;
  await peer.close();
});

test('INFO DTMF (dtmf-relay and dtmf) becomes dtmf events and gets 200', async () => {
  const peer = await createUdpPeer(udpPort);
  const { callId, toTag, call } = await establish(peer);
  const digits: string[] = [];
  call.on('dtmf', (e) => digits.push(e.digit));
  const infos = [
    { contentType: 'application/dtmf-relay', body: 'Signal=5\r\nDuration=160\r\n' },
    { contentType: 'application/dtmf-relay', body: 'Signal=#\r\nDuration=100\r\n' },
    { contentType: 'application/dtmf', body: '9' },
  ];
  for (const [index, info] of infos.entries()) {
    await peer.send(buildRequest({ method: 'INFO', peer, branch: `z9hG4bKinfo${index}`, callId, cseq: 2 + index, toTag, ...info }));
    await peer.expect((m) => isResponse(200, 'INFO')(m) && findCSeq(m)?.seq === 2 + index);
  }
  assert.deepEqual(digits, ['5', '#', '9']);
  await hangUp(peer, call);
  await peer.close();
});

test('a BYE in an unknown dialog gets 481', async () => {
  const peer = await createUdpPeer(udpPort);
  await peer.send(buildRequest({ method: 'BYE', peer, branch: 'z9hG4bKnobody', callId: id(), cseq: 2, toTag: 'nobody' }));
  await peer.expect(isResponse(481, 'BYE'));
  await peer.close();
});

test('malformed datagrams get 400 or are dropped, and the agent keeps answering', async () => {
  const peer = await createUdpPeer(udpPort);
  const errorsBefore = ua.stats().transport.parseErrors;
  const good = (callId: string) => buildRequest({ method: 'OPTIONS', peer, branch: `z9hG4bK${callId}`, callId, cseq: 1 });
  const answerable: [string, string][] = [
    ['invalid-header', good('garbage').replace('Max-Forwards: 70', 'this is not a header\r\n: nor this')],
    ['body-too-large', good('huge-length').replace('Content-Length: 0', 'Content-Length: 999999999')],
    ['invalid-content-length', good('negative-length').replace('Content-Length: 0', 'Content-Length: -5')],
    ['truncated', good('short-body').replace('Content-Length: 0', 'Content-Length: 40')],
  ];
  for (const [reason, bytes] of answerable) {
    await peer.send(bytes);
    const answer = await peer.expect(isResponse(400));
    assert.equal(findHeader(answer, 'Warning'), `399 centralita "${reason}"`);
    assert.ok(toTagOf(answer), 'a 400 carries a To tag like any final response');
  }
  const unanswerable = [good('cut').slice(0, 60), 'SIP/2.0 200 OK\r\n\r\n', '\x00\x01\x02\r\n\r\n', good('ack').replace(/OPTIONS/g, 'ACK').replace('Max-Forwards: 70', 'bad line')];
  for (const bytes of unanswerable) await peer.send(bytes);
  for (let i = 0; i < 20; i++) await peer.send(randomBytes(1 + Math.floor(Math.random() * 1400)));
  await peer.send(Buffer.alloc(0));
  await optionsAnswered(peer);
  assert.equal(peer.received.filter(isResponse(400)).length, answerable.length, 'the rest was dropped silently');
  assert.ok(ua.stats().transport.parseErrors - errorsBefore >= answerable.length + unanswerable.length);
  await peer.close();
});

test('TCP: a 70 KB header is refused without harm; the agent still answers on a new connection', async () => {
  const peer = await createTcpPeer(tcpPort);
  const huge = buildRequest({ method: 'OPTIONS', peer, transport: 'TCP', branch: 'z9hG4bKhuge', callId: 'huge', cseq: 1, extra: [`X-Padding: ${'a'.repeat(70 * 1024)}`] });
  await peer.send(huge).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(peer.closed || peer.received.some(isResponse(400)), 'refused: 400 or the connection closed');
  await peer.close();
  const fresh = await createTcpPeer(tcpPort);
  await optionsAnswered(fresh, 'TCP');
  await fresh.close();
});

test('TCP framing: two messages in one chunk, then one message split over three chunks', async () => {
  const peer = await createTcpPeer(tcpPort);
  const first = buildRequest({ method: 'OPTIONS', peer, transport: 'TCP', branch: 'z9hG4bKtwo1', callId: 'two-1', cseq: 1 });
  const second = buildRequest({ method: 'OPTIONS', peer, transport: 'TCP', branch: 'z9hG4bKtwo2', callId: 'two-2', cseq: 1 });
  await peer.send(first + second);
  await peer.expect((m) => findHeader(m, 'Call-ID') === 'two-1');
  await peer.expect((m) => findHeader(m, 'Call-ID') === 'two-2');
  const split = Buffer.from(buildRequest({ method: 'INFO', peer, transport: 'TCP', branch: 'z9hG4bKsplit', callId: 'split', cseq: 1, contentType: 'application/dtmf', body: '7' }));
  for (const [start, end] of [[0, 30], [30, split.length - 1], [split.length - 1, split.length]] as const) {
    await peer.send(split.subarray(start, end));
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await peer.expect((m) => isResponse(481, 'INFO')(m) && findHeader(m, 'Call-ID') === 'split');
  const garbage = first.replace('Max-Forwards: 70', 'Max-Forwards: many');
  await peer.send(garbage + second.replace('two-2', 'two-3'));
  await peer.expect(isResponse(400));
  await peer.expect((m) => findHeader(m, 'Call-ID') === 'two-3');
  await peer.close();
});

test('TCP: a call whose BYE we send goes back over the caller\'s own connection', async () => {
  const peer = await createTcpPeer(tcpPort);
  const { callId, ok, call } = await establish(peer, 'TCP');
  assert.match(findHeader(ok, 'Contact') ?? '', /;transport=tcp>/);
  const bye = await hangUp(peer, call);
  assert.equal(findHeader(bye, 'Call-ID'), callId);
  assert.equal(findTopVia(bye)?.transport, 'TCP');
  await peer.close();
});

test('digest: an INVITE is challenged with 401, and the same call with credentials goes through', async () => {
  const peer = await createUdpPeer(udpPort);
  const callId = id();
  const before = calls.length;
  const uri = 'sip:secure@127.0.0.1';
  const invite = (cseq: number, branch: string, extra: string[] = []) =>
    buildRequest({ method: 'INVITE', peer, uri, branch, callId, cseq, contentType: 'application/sdp', body: offerSdp, extra });
  await peer.send(invite(1, 'z9hG4bKauth1'));
  const challenge = await peer.expect(isResponse(401, 'INVITE'));
  await peer.send(buildRequest({ method: 'ACK', peer, uri, branch: 'z9hG4bKauth1', callId, cseq: 1, toTag: toTagOf(challenge) }));
  assert.equal(calls.length, before, 'no call before authentication');
  const parsed = parseDigestHeader(findHeader(challenge, 'WWW-Authenticate') ?? '');
  assert.ok(parsed);
  const authorization = answerDigestChallenge({ challenge: parsed, nonceCount: 0 }, { username: '1001', password: 'clave' }, 'INVITE', uri);
  await peer.send(invite(2, 'z9hG4bKauth2', [`Authorization: ${authorization}`]));
  const ok = await peer.expect(isResponse(200, 'INVITE'));
  await peer.send(buildRequest({ method: 'ACK', peer, uri, branch: 'z9hG4bKauth2ack', callId, cseq: 2, toTag: toTagOf(ok) }));
  assert.equal(calls.length, before + 1);
  await hangUp(peer, calls[before]!);
  await peer.close();
});
