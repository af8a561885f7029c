import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCSeq, findHeader, findTopVia, parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../src/server/telephony/sip/sip-message.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';
import { createSipTransactionLayer, type ServerTransaction } from '../../../src/server/telephony/sip/sip-transactions.ts';
import type { SipDestination, SipSource } from '../../../src/server/telephony/sip/sip-transport-types.ts';
import { createFakeSipTimers } from './fake-sip-timers.ts';
import { silentLogger } from './silent-logger.ts';

const udpSource: SipSource = { transport: 'udp', address: '127.0.0.1', port: 5062 };
const tcpSource: SipSource = { transport: 'tcp', address: '127.0.0.1', port: 40001 };
const peer: SipDestination = { transport: 'udp', address: '127.0.0.1', port: 5062 };

function request(method: string, branch = 'z9hG4bKabc', cseq = `1 ${method}`, toTag = ''): SipRequest {
  const text = [
    `${method} sip:100@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5062;branch=${branch}`,
    'Max-Forwards: 70',
    'From: <sip:ana@127.0.0.1>;tag=f1',
    `To: <sip:100@127.0.0.1>${toTag}`,
    'Call-ID: call-1',
    `CSeq: ${cseq}`,
    '',
    '',
  ].join('\r\n');
  const result = parseSipMessage(text);
  if (!result.ok || result.message.type !== 'request') throw new Error('test request did not parse');
  return result.message;
}

function setup() {
  const timers = createFakeSipTimers();
  const sent: { at: number; message: SipMessage; destination: SipDestination }[] = [];
  const requests: { request: SipRequest; transaction: ServerTransaction | undefined }[] = [];
  const layer = createSipTransactionLayer({
    timers,
    log: silentLogger,
    send: async (message, destination) => {
      sent.push({ at: timers.now, message, destination });
    },
    onRequest: (req, _source, transaction) => requests.push({ request: req, transaction }),
  });
  const sentTimes = (status?: number) =>
    sent.filter((s) => status === undefined || (s.message.type === 'response' && s.message.status === status)).map((s) => s.at);
  return { timers, sent, requests, layer, sentTimes };
}

test('INVITE server transaction retransmits a non-2xx final on Timer G until Timer H ends it', () => {
  const { timers, requests, layer, sentTimes } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  const transaction = requests[0]?.transaction;
  assert.ok(transaction);
  transaction.respond(buildResponse(invite, 486, 'Busy Here', { toTag: 't1' }));
  timers.advance(40_000);
  // G doubles from T1 to the T2 cap: 500, 1000, 2000, 4000, 4000...; H stops it all at 64*T1 = 32 s.
  assert.deepEqual(sentTimes(486), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.equal(transaction.state, 'terminated');
  assert.deepEqual(layer.counts(), { server: 0, client: 0 });
});

test('an ACK for the non-2xx final stops Timer G and is absorbed, never reaching the TU', () => {
  const { timers, requests, layer, sentTimes } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  requests[0]?.transaction?.respond(buildResponse(invite, 404, 'Not Found', { toTag: 't1' }));
  timers.advance(600);
  layer.receive(request('ACK', 'z9hG4bKabc', '1 ACK', ';tag=t1'), udpSource);
  layer.receive(request('ACK', 'z9hG4bKabc', '1 ACK', ';tag=t1'), udpSource);
  timers.advance(10_000);
  assert.deepEqual(sentTimes(404), [0, 500]);
  assert.equal(requests.length, 1);
  assert.equal(requests[0]?.transaction?.state, 'terminated');
});

test('over TCP a final response is sent once and Timer H still bounds the wait for the ACK', () => {
  const { timers, requests, layer, sentTimes } = setup();
  const invite = request('INVITE');
  layer.receive(invite, tcpSource);
  const transaction = requests[0]?.transaction;
  transaction?.respond(buildResponse(invite, 480, 'Temporarily Unavailable', { toTag: 't1' }));
  timers.advance(31_999);
  assert.equal(transaction?.state, 'completed');
  timers.advance(1);
  assert.deepEqual(sentTimes(480), [0]);
  assert.equal(transaction?.state, 'terminated');
});

test('a retransmitted INVITE resends the last provisional and never reaches the TU twice', () => {
  const { requests, layer, sentTimes } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  layer.receive(invite, udpSource);
  assert.deepEqual(sentTimes(), [], 'nothing to resend before the first response');
  requests[0]?.transaction?.respond(buildResponse(invite, 180, 'Ringing', { toTag: 't1' }));
  layer.receive(invite, udpSource);
  layer.receive(invite, udpSource);
  assert.deepEqual(sentTimes(180), [0, 0, 0]);
  assert.equal(requests.length, 1);
});

test('after a 2xx the INVITE transaction absorbs retransmissions without resending (RFC 6026) and ends after 64*T1', () => {
  const { timers, requests, layer, sentTimes } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  const transaction = requests[0]?.transaction;
  transaction?.respond(buildResponse(invite, 200, 'OK', { toTag: 't1' }));
  assert.equal(transaction?.state, 'accepted');
  layer.receive(invite, udpSource);
  timers.advance(10_000);
  assert.deepEqual(sentTimes(200), [0]);
  assert.equal(requests.length, 1);
  timers.advance(22_000);
  assert.equal(transaction?.state, 'terminated');
});

test('the ACK for a 2xx (new branch) goes to the TU without a transaction', () => {
  const { requests, layer } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  requests[0]?.transaction?.respond(buildResponse(invite, 200, 'OK', { toTag: 't1' }));
  layer.receive(request('ACK', 'z9hG4bKother', '1 ACK', ';tag=t1'), udpSource);
  assert.equal(requests.length, 2);
  assert.equal(requests[1]?.request.method, 'ACK');
  assert.equal(requests[1]?.transaction, undefined);
});

test('CANCEL gets its own transaction and finds the INVITE transaction by branch', () => {
  const { requests, layer } = setup();
  const invite = request('INVITE');
  layer.receive(invite, udpSource);
  const cancel = request('CANCEL', 'z9hG4bKabc', '1 CANCEL');
  layer.receive(cancel, udpSource);
  assert.equal(requests.length, 2);
  assert.notEqual(requests[1]?.transaction, requests[0]?.transaction);
  assert.equal(layer.findInviteTransaction(cancel), requests[0]?.transaction);
  assert.equal(layer.findInviteTransaction(request('CANCEL', 'z9hG4bKzzz', '1 CANCEL')), undefined);
});

test('non-INVITE server transaction resends its final to retransmissions until Timer J (64*T1 on UDP, 0 on TCP)', () => {
  const { timers, requests, layer, sentTimes } = setup();
  const bye = request('BYE', 'z9hG4bKbye', '2 BYE', ';tag=t1');
  layer.receive(bye, udpSource);
  requests[0]?.transaction?.respond(buildResponse(bye, 200, 'OK'));
  timers.advance(1000);
  layer.receive(bye, udpSource);
  timers.advance(31_000);
  assert.equal(requests[0]?.transaction?.state, 'terminated');
  layer.receive(bye, udpSource);
  assert.deepEqual(sentTimes(200), [0, 1000]);
  assert.equal(requests.length, 2, 'a copy after Timer J is a new request');

  const tcp = setup();
  const options = request('OPTIONS', 'z9hG4bKopt');
  tcp.layer.receive(options, tcpSource);
  tcp.requests[0]?.transaction?.respond(buildResponse(options, 200, 'OK'));
  tcp.timers.advance(0);
  assert.equal(tcp.requests[0]?.transaction?.state, 'terminated');
});

test('non-INVITE client transaction retransmits on Timer E (T1 doubling to T2) and times out on Timer F', () => {
  const { timers, layer, sent } = setup();
  const outcomes: string[] = [];
  layer.sendRequest(request('BYE', 'z9hG4bKout', '2 BYE'), peer, {
    onResponse: (r) => outcomes.push(String(r.status)),
    onTimeout: () => outcomes.push('timeout'),
    onTransportError: () => outcomes.push('error'),
  });
  timers.advance(40_000);
  assert.deepEqual(sent.map((s) => s.at), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.deepEqual(outcomes, ['timeout']);
  assert.equal(layer.counts().client, 0);
});

test('non-INVITE client transaction: a provisional slows retransmissions to T2, the final stops them', () => {
  const { timers, layer, sent } = setup();
  const responses: SipResponse[] = [];
  const bye = request('BYE', 'z9hG4bKout', '2 BYE');
  layer.sendRequest(bye, peer, { onResponse: (r) => responses.push(r), onTimeout: assert.fail, onTransportError: assert.fail });
  timers.advance(100);
  layer.receive(buildResponse(bye, 100, 'Trying'), udpSource);
  timers.advance(5000);
  const final = buildResponse(bye, 200, 'OK');
  layer.receive(final, udpSource);
  layer.receive(final, udpSource);
  timers.advance(60_000);
  assert.deepEqual(sent.map((s) => s.at), [0, 500, 4500]);
  assert.deepEqual(responses.map((r) => r.status), [100, 200]);
});

test('INVITE client transaction: Timer A doubles without a cap, Timer B times out at 64*T1', () => {
  const { timers, layer, sent } = setup();
  const outcomes: string[] = [];
  layer.sendRequest(request('INVITE', 'z9hG4bKinv'), peer, {
    onResponse: (r) => outcomes.push(String(r.status)),
    onTimeout: () => outcomes.push('timeout'),
    onTransportError: () => outcomes.push('error'),
  });
  timers.advance(40_000);
  assert.deepEqual(sent.map((s) => s.at), [0, 500, 1500, 3500, 7500, 15500, 31500]);
  assert.deepEqual(outcomes, ['timeout']);
});

test('INVITE client transaction ACKs a non-2xx final itself, again for each retransmission, and reports it once', () => {
  const { timers, layer, sent } = setup();
  const responses: number[] = [];
  const invite = request('INVITE', 'z9hG4bKinv');
  layer.sendRequest(invite, peer, { onResponse: (r) => responses.push(r.status), onTimeout: assert.fail, onTransportError: assert.fail });
  const busy = buildResponse(invite, 486, 'Busy Here', { toTag: 'remote' });
  layer.receive(busy, udpSource);
  layer.receive(busy, udpSource);
  timers.advance(40_000);
  const acks = sent.filter((s) => s.message.type === 'request' && s.message.method === 'ACK').map((s) => s.message);
  assert.equal(acks.length, 2);
  const ack = acks[0];
  assert.ok(ack);
  assert.equal(findTopVia(ack)?.branch, 'z9hG4bKinv');
  assert.deepEqual(findCSeq(ack), { seq: 1, method: 'ACK' });
  assert.match(findHeader(ack, 'To') ?? '', /tag=remote/);
  assert.deepEqual(responses, [486]);
  assert.equal(sent.filter((s) => s.message.type === 'request' && s.message.method === 'INVITE').length, 1);
});

test('timer bases are configurable', () => {
  const timers = createFakeSipTimers();
  const sent: number[] = [];
  const layer = createSipTransactionLayer({
    timers,
    timerConfig: { t1: 100, t2: 400 },
    log: silentLogger,
    send: async () => {
      sent.push(timers.now);
    },
    onRequest: () => undefined,
  });
  let timedOut = false;
  layer.sendRequest(request('OPTIONS', 'z9hG4bKo'), peer, { onResponse: () => undefined, onTimeout: () => (timedOut = true), onTransportError: () => undefined });
  timers.advance(6400);
  assert.deepEqual(sent.slice(0, 5), [0, 100, 300, 700, 1100]);
  assert.ok(timedOut);
  assert.throws(() => createSipTransactionLayer({ timers, timerConfig: { t1: 0 }, log: silentLogger, send: async () => undefined, onRequest: () => undefined }));
});
