import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDigestServer } from '../../../src/server/telephony/sip/sip-digest.ts';
import { findCSeq, findHeader, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { createSipRegistration, refreshDelaySeconds } from '../../../src/server/telephony/sip/sip-registration.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';
import type { SipRequestOutcome } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import { createFakeSipTimers } from './fake-sip-timers.ts';
import { silentLogger } from './silent-logger.ts';

const flush = () => new Promise((resolve) => setImmediate(resolve));
const contact = 'sip:centralita@192.0.2.10:5060';

/** A registrar that challenges with digest, as providers do, and answers `password` only. */
function fakeRegistrar(script: { password?: string; minExpires?: number; silent?: () => boolean } = {}) {
  const digest = createDigestServer({ realm: 'provider', secret: 'k', now: () => 1_000 });
  const received: SipRequest[] = [];
  const send = async (request: SipRequest): Promise<SipRequestOutcome> => {
    received.push(request);
    if (script.silent?.()) return { kind: 'timeout' };
    const check = digest.verify(findHeader(request, 'Authorization'), 'REGISTER', () => ({ password: script.password ?? 'secret' }));
    if (!check.ok) {
      const headers = digest.challenge(check.stale).map((value) => ({ name: 'WWW-Authenticate', value }));
      return { kind: 'response', response: buildResponse(request, 401, 'Unauthorized', { toTag: 'r', headers }) };
    }
    const expires = Number(findHeader(request, 'Expires'));
    if (script.minExpires && expires > 0 && expires < script.minExpires) {
      return { kind: 'response', response: buildResponse(request, 423, 'Interval Too Brief', { toTag: 'r', headers: [{ name: 'Min-Expires', value: String(script.minExpires) }] }) };
    }
    const headers = [
      { name: 'Contact', value: `<sip:other@198.51.100.7>;expires=3000` },
      { name: 'Contact', value: `<${contact}>;expires=${Math.min(expires, 120)}` },
    ];
    return { kind: 'response', response: buildResponse(request, 200, 'OK', { toTag: 'r', headers }) };
  };
  return { send, received };
}

function setup(registrar: ReturnType<typeof fakeRegistrar>, password = 'secret') {
  const timers = createFakeSipTimers();
  const registration = createSipRegistration({
    send: registrar.send,
    timers,
    log: silentLogger,
    registrar: 'sip:provider.example',
    username: '34910000000',
    password,
    contact,
    expires: 3600,
  });
  const events: string[] = [];
  registration.on('registered', (e) => events.push(`registered ${e.expires}`));
  registration.on('failed', (e) => events.push(`failed ${e.status ?? '-'} ${e.reason} retry=${e.retryInMs}`));
  registration.on('unregistered', () => events.push('unregistered'));
  return { timers, registration, events };
}

test('refresh happens at 90 % of the granted time, at least 30 s early, never before half-way', () => {
  assert.equal(refreshDelaySeconds(3600), 3240);
  assert.equal(refreshDelaySeconds(120), 90);
  assert.equal(refreshDelaySeconds(40), 20);
});

test('answers the digest challenge, registers, and refreshes with the same Call-ID before expiry', async () => {
  const registrar = fakeRegistrar();
  const { timers, registration, events } = setup(registrar);
  registration.start();
  await flush();
  assert.deepEqual(events, ['registered 120'], 'the granted time of our own Contact, not another binding');
  assert.equal(registration.state, 'registered');
  assert.equal(registrar.received.length, 2);
  const [first, second] = registrar.received;
  assert.equal(findHeader(first!, 'Authorization'), undefined);
  assert.match(findHeader(second!, 'Authorization') ?? '', /username="34910000000".*uri="sip:provider.example"/);
  assert.equal(findHeader(second!, 'To'), '<sip:34910000000@provider.example>');
  assert.equal(findHeader(second!, 'Contact'), `<${contact}>`);
  assert.equal(findCSeq(second!)?.seq, (findCSeq(first!)?.seq ?? 0) + 1);

  timers.advance(89_999);
  await flush();
  assert.equal(registrar.received.length, 2);
  timers.advance(1);
  await flush();
  assert.equal(registrar.received.length, 3, 'refreshed with the cached challenge, no new 401');
  const refresh = registrar.received[2]!;
  assert.equal(findHeader(refresh, 'Call-ID'), findHeader(first!, 'Call-ID'));
  assert.match(findHeader(refresh, 'Authorization') ?? '', /nc=00000002/);
  assert.deepEqual(events, ['registered 120', 'registered 120']);
});

test('wrong credentials fail without looping, and retries back off exponentially', async () => {
  const registrar = fakeRegistrar({ password: 'the-real-one' });
  const { timers, registration, events } = setup(registrar, 'a-wrong-one');
  registration.start();
  await flush();
  assert.deepEqual(events, ['failed 401 authentication rejected retry=5000']);
  assert.equal(registrar.received.length, 2);
  timers.advance(5000);
  await flush();
  timers.advance(10_000);
  await flush();
  assert.deepEqual(events.slice(1), ['failed 401 authentication rejected retry=10000', 'failed 401 authentication rejected retry=20000']);
  assert.equal(registration.state, 'failed');
});

test('a silent registrar is retried, and success resets the backoff', async () => {
  let silent = true;
  const registrar = fakeRegistrar({ silent: () => silent });
  const { timers, registration, events } = setup(registrar);
  registration.start();
  await flush();
  timers.advance(5000);
  await flush();
  silent = false;
  timers.advance(10_000);
  await flush();
  assert.deepEqual(events, ['failed - timeout retry=5000', 'failed - timeout retry=10000', 'registered 120']);
});

test('423 Interval Too Brief is answered with the Min-Expires asked for', async () => {
  const registrar = fakeRegistrar({ minExpires: 7200 });
  const timers = createFakeSipTimers();
  const registration = createSipRegistration({
    send: registrar.send, timers, log: silentLogger, registrar: 'sip:provider.example', username: 'u', password: 'secret', contact, expires: 60,
  });
  registration.start();
  await flush();
  assert.equal(registration.state, 'registered');
  assert.deepEqual(registrar.received.map((r) => findHeader(r, 'Expires')), ['60', '60', '7200']);
});

test('stop removes the binding with Expires: 0 and stops refreshing', async () => {
  const registrar = fakeRegistrar();
  const { timers, registration, events } = setup(registrar);
  registration.start();
  await flush();
  await registration.stop();
  const last = registrar.received.at(-1);
  assert.equal(findHeader(last!, 'Expires'), '0');
  assert.deepEqual(events, ['registered 120', 'unregistered']);
  assert.equal(registration.state, 'stopped');
  const count = registrar.received.length;
  timers.advance(10 * 3600_000);
  await flush();
  assert.equal(registrar.received.length, count);
});
