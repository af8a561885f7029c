import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCSeq, findHeader, parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../src/server/telephony/sip/sip-message.ts';
import type { SipDestination, SipMessageHandler, SipSource, SipTransport, SipTransportStats } from '../../../src/server/telephony/sip/sip-transport-types.ts';
import { createSipUserAgent, type IncomingCall, type SipUserAgentOptions } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';
import { createFakeSipTimers } from './fake-sip-timers.ts';
import { silentLogger } from './silent-logger.ts';

const caller: SipSource = { transport: 'udp', address: '127.0.0.1', port: 5062 };
const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 10000 RTP/AVP 0\r\n';

function parse(text: string): SipMessage {
  const result = parseSipMessage(text);
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return result.message;
}

function inDialog(method: string, cseq: number, toTag: string, branch: string, extra: string[] = [], body = ''): SipMessage {
  return parse(
    [
      `${method} sip:centralita@127.0.0.1:5060 SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:5062;branch=${branch};rport`,
      'Max-Forwards: 70',
      'From: <sip:600111222@127.0.0.1>;tag=caller',
      `To: <sip:100@127.0.0.1>${toTag === '' ? '' : `;tag=${toTag}`}`,
      'Call-ID: ua-unit-1',
      `CSeq: ${cseq} ${method}`,
      'Contact: <sip:600111222@127.0.0.1:5062>',
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'),
  );
}

async function setup(overrides: Partial<SipUserAgentOptions> = {}) {
  const timers = createFakeSipTimers();
  const sent: { at: number; message: SipMessage; destination: SipDestination }[] = [];
  let deliver: SipMessageHandler = () => undefined;
  const transport: SipTransport = {
    start: async (handler) => {
      deliver = handler;
      return { address: '127.0.0.1', udpPort: 5060, tcpPort: 5060 };
    },
    send: async (message, destination) => {
      sent.push({ at: timers.now, message, destination });
    },
    stats: () => ({}) as SipTransportStats,
    stop: async () => undefined,
  };
  const calls: IncomingCall[] = [];
  const ua = createSipUserAgent({ transport, timers, log: silentLogger, onCall: (call) => calls.push(call), ...overrides });
  await ua.start();
  const receive = async (message: SipMessage) => {
    deliver(message, caller);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const responses = (status: number) => sent.filter((s) => s.message.type === 'response' && s.message.status === status);
  const requests = (method: string) => sent.filter((s) => s.message.type === 'request' && s.message.method === method);
  return { timers, sent, calls, ua, receive, responses, requests };
}

async function answeredCall() {
  const context = await setup();
  await context.receive(inDialog('INVITE', 1, '', 'z9hG4bKinv', ['Content-Type: application/sdp'], sdp));
  const call = context.calls[0];
  assert.ok(call);
  const ended: string[] = [];
  call.on('ended', (e) => ended.push(e.reason));
  assert.equal(call.answer(sdp), true);
  const ok = context.responses(200)[0]?.message as SipResponse;
  const toTag = /tag=([^;]+)/.exec(findHeader(ok, 'To') ?? '')?.[1] ?? '';
  return { ...context, call, ended, toTag };
}

test('the 200 OK is retransmitted T1, 2T1, 4T1... capped at T2 until the ACK arrives', async () => {
  const { timers, receive, responses, call, toTag } = await answeredCall();
  let acked = false;
  call.on('acked', () => (acked = true));
  timers.advance(8000);
  assert.deepEqual(responses(200).map((s) => s.at), [0, 500, 1500, 3500, 7500]);
  await receive(inDialog('ACK', 1, toTag, 'z9hG4bKack'));
  timers.advance(30_000);
  assert.equal(responses(200).length, 5);
  assert.ok(acked);
  assert.equal(call.state, 'confirmed');
});

test('without an ACK the 200 gives up after 64*T1, sends a BYE and ends the call as ack_timeout', async () => {
  const { timers, responses, requests, call, ended } = await answeredCall();
  timers.advance(31_999);
  assert.deepEqual(requests('BYE'), []);
  timers.advance(1);
  assert.deepEqual(responses(200).map((s) => s.at), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.equal(requests('BYE').length, 1);
  assert.deepEqual(ended, ['ack_timeout']);
  assert.equal(call.state, 'ended');
  const bye = requests('BYE')[0]?.message as SipRequest;
  assert.equal(bye.uri, 'sip:600111222@127.0.0.1:5062', 'the BYE goes to the remote target from Contact');
  assert.match(findHeader(bye, 'To') ?? '', /tag=caller/);
});

test('hangup before the ACK waits for it (RFC 3261 15), then sends the BYE and resolves on its 200', async () => {
  const { receive, requests, call, ended, toTag } = await answeredCall();
  const result = call.hangup();
  assert.equal(requests('BYE').length, 0);
  await receive(inDialog('ACK', 1, toTag, 'z9hG4bKack'));
  const bye = requests('BYE')[0]?.message as SipRequest;
  assert.ok(bye);
  assert.deepEqual(ended, ['local_bye']);
  await receive(buildResponse(bye, 200, 'OK'));
  assert.deepEqual(await result, { outcome: 'bye_accepted', status: 200 });
});

test('a BYE answered 481 or never answered still ends the call, with the outcome reported', async () => {
  const first = await answeredCall();
  await first.receive(inDialog('ACK', 1, first.toTag, 'z9hG4bKack'));
  const pending = first.call.hangup();
  const bye = first.requests('BYE')[0]?.message as SipRequest;
  await first.receive(buildResponse(bye, 481, 'Call/Transaction Does Not Exist'));
  assert.deepEqual(await pending, { outcome: 'no_dialog', status: 481 });

  const second = await answeredCall();
  await second.receive(inDialog('ACK', 1, second.toTag, 'z9hG4bKack'));
  const silent = second.call.hangup();
  second.timers.advance(32_000);
  assert.deepEqual(await silent, { outcome: 'timeout' });
  assert.equal(second.requests('BYE').length, 11, 'Timer E retransmitted the BYE until Timer F');
  assert.deepEqual(second.ended, ['local_bye']);
});

test('a re-INVITE is answered with the current local SDP and its 200 is retransmitted until its own ACK', async () => {
  const { timers, receive, responses, call, toTag } = await answeredCall();
  await receive(inDialog('ACK', 1, toTag, 'z9hG4bKack'));
  const offers: string[] = [];
  call.on('reinvite', (e) => offers.push(e.sdp));
  const hold = sdp.replace('m=audio', 'a=sendonly\r\nm=audio');
  await receive(inDialog('INVITE', 2, toTag, 'z9hG4bKre', ['Content-Type: application/sdp'], hold));
  const reOk = responses(200).filter((s) => findCSeq(s.message)?.seq === 2);
  assert.equal(reOk.length, 1);
  assert.equal(reOk[0]?.message.body, sdp);
  assert.deepEqual(offers, [hold]);
  timers.advance(600);
  await receive(inDialog('ACK', 2, toTag, 'z9hG4bKack2'));
  timers.advance(60_000);
  assert.equal(responses(200).filter((s) => findCSeq(s.message)?.seq === 2).length, 2);
  assert.equal(call.state, 'confirmed');
});

test('in-dialog requests with an old CSeq get 500; unknown dialogs get 481', async () => {
  const { receive, responses, toTag } = await answeredCall();
  await receive(inDialog('ACK', 1, toTag, 'z9hG4bKack'));
  await receive(inDialog('INFO', 5, toTag, 'z9hG4bKi5'));
  await receive(inDialog('INFO', 4, toTag, 'z9hG4bKi4'));
  assert.equal(responses(500).length, 1);
  await receive(inDialog('BYE', 9, 'not-ours', 'z9hG4bKb'));
  assert.equal(responses(481).length, 1);
});

test('unsupported extensions get 420, recognised but unsupported methods 405, unknown ones 501', async () => {
  const { receive, responses } = await setup();
  await receive(inDialog('INVITE', 1, '', 'z9hG4bKreq', ['Require: 100rel']));
  assert.equal(findHeader(responses(420)[0]!.message, 'Unsupported'), '100rel');
  await receive(inDialog('SUBSCRIBE', 1, '', 'z9hG4bKsub'));
  await receive(inDialog('FROBNICATE', 1, '', 'z9hG4bKfro'));
  assert.match(findHeader(responses(405)[0]!.message, 'Allow') ?? '', /INVITE, ACK, CANCEL, BYE, OPTIONS, INFO/);
  assert.equal(responses(501).length, 1);
});

test('an INVITE nobody answers gets 480 after inviteTimeoutMs and ends as no_answer', async () => {
  const { timers, receive, responses, calls } = await setup({ inviteTimeoutMs: 60_000 });
  await receive(inDialog('INVITE', 1, '', 'z9hG4bKlonely', ['Content-Type: application/sdp'], sdp));
  const ended: string[] = [];
  calls[0]?.on('ended', (e) => ended.push(e.reason));
  timers.advance(59_999);
  assert.equal(responses(480).length, 0);
  timers.advance(1);
  assert.equal(responses(480).length, 1);
  assert.deepEqual(ended, ['no_answer']);
});

test('screening: a refusal is the final response and no call is made; a throwing hook gets 500', async () => {
  const refused = await setup({ onInvite: async () => ({ status: 404, reason: 'Not Found' }) });
  await refused.receive(inDialog('INVITE', 1, '', 'z9hG4bKnf', ['Content-Type: application/sdp'], sdp));
  assert.equal(refused.responses(100).length, 1, '100 Trying goes out before screening');
  assert.equal(refused.responses(404).length, 1);
  assert.equal(refused.calls.length, 0);

  const broken = await setup({ onInvite: () => { throw new Error('database down'); } });
  await broken.receive(inDialog('INVITE', 1, '', 'z9hG4bKerr', ['Content-Type: application/sdp'], sdp));
  assert.equal(broken.responses(500).length, 1);
});

test('the same INVITE arriving with another branch while the first is live gets 482 (merged request)', async () => {
  const { receive, responses, calls } = await setup();
  await receive(inDialog('INVITE', 1, '', 'z9hG4bKpath1', ['Content-Type: application/sdp'], sdp));
  await receive(inDialog('INVITE', 1, '', 'z9hG4bKpath2', ['Content-Type: application/sdp'], sdp));
  assert.equal(calls.length, 1);
  assert.equal(responses(482).length, 1);
});

test('a CANCEL matching no INVITE gets 481; a non-SDP body gets 415', async () => {
  const { receive, responses } = await setup();
  await receive(inDialog('CANCEL', 1, '', 'z9hG4bKnothing'));
  assert.equal(responses(481).length, 1);
  await receive(inDialog('INVITE', 1, '', 'z9hG4bKtext', ['Content-Type: text/plain'], 'hello'));
  assert.equal(findHeader(responses(415)[0]!.message, 'Accept'), 'application/sdp');
});

test('a hangup waiting for the ACK settles when the caller hangs up first', async () => {
  const { receive, requests, call, ended, toTag } = await answeredCall();
  const result = call.hangup();
  await receive(inDialog('BYE', 2, toTag, 'z9hG4bKfirst'));
  assert.deepEqual(await result, { outcome: 'already_ended' });
  assert.deepEqual(ended, ['remote_bye']);
  assert.equal(requests('BYE').length, 0);
});
