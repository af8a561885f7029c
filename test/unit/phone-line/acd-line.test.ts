import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { TRingFailure } from '../../../src/server/acd/acd-telephony.ts';
import { createAcdLegs } from '../../../src/server/phone-line/acd-legs.ts';
import { createAcdLine } from '../../../src/server/phone-line/acd-line.ts';
import type { LiveBinding, Registrar } from '../../../src/server/registrar/registrar.ts';
import { pcmToG711Prompt } from '../../../src/server/telephony/media/g711-frames.ts';
import type { MediaScheduler } from '../../../src/server/telephony/media/media-scheduler.ts';
import type { RtpPortPool } from '../../../src/server/telephony/rtp/rtp-port-pool.ts';
import type { OutgoingCallEvents } from '../../../src/server/telephony/sip/sip-outgoing-call.ts';
import type { OutgoingCallRequest, SipUserAgent } from '../../../src/server/telephony/sip/sip-user-agent.ts';
import type { TrunkRow } from '../../../src/server/trunks/trunk-repository.ts';
import { createFakeSipTimers } from '../telephony/fake-sip-timers.ts';
import { silentLogger } from '../telephony/silent-logger.ts';

const answerSdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n';
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** The user agent as the line uses it: every INVITE is recorded and scripted by the test. */
function fakeUa() {
  const invites: Array<{ request: OutgoingCallRequest; emit<K extends keyof OutgoingCallEvents>(event: K, payload: OutgoingCallEvents[K]): void; cancelled: boolean; hungUp: boolean }> = [];
  const ua = {
    invite(request: OutgoingCallRequest) {
      const emitter = new EventEmitter();
      const entry = { request, emit: (event: string, payload: unknown) => void emitter.emit(event, payload), cancelled: false, hungUp: false };
      invites.push(entry as (typeof invites)[number]);
      return {
        callId: `c${invites.length}`,
        on: (event: string, listener: (payload: unknown) => void) => (emitter.on(event, listener), () => emitter.off(event, listener)),
        cancel: () => void (entry.cancelled = true),
        hangup: () => void (entry.hungUp = true),
      };
    },
  } as unknown as SipUserAgent;
  return { ua, invites };
}

function setup(bindings: Partial<LiveBinding>[], trunks: Partial<TrunkRow>[] = []) {
  const timers = createFakeSipTimers();
  const { ua, invites } = fakeUa();
  const socket = Object.assign(new EventEmitter(), { send: () => undefined });
  const ports = { allocate: async () => ({ socket, port: 30000 + invites.length * 2, host: '127.0.0.1', release: () => undefined }) } as unknown as RtpPortPool;
  const scheduler = { register: () => () => undefined, unregister: () => undefined } as unknown as MediaScheduler;
  const registrar = { contactsOf: () => bindings, isRegistered: () => bindings.length > 0 } as unknown as Registrar;
  const legs = createAcdLegs({
    holdMusic: pcmToG711Prompt(new Int16Array(160)), speak: async () => pcmToG711Prompt(new Int16Array(160)), storeRecording: async () => undefined, timers, log: silentLogger,
  });
  const line = createAcdLine({
    ua, ports, scheduler, mediaAddress: '192.0.2.1', rtpInactivityMs: 0, log: silentLogger, legs, registrar, timers, domain: 'centralita',
    trunks: { listTrunks: async () => trunks as TrunkRow[] },
  });
  const results: Array<{ answered?: string; failed?: TRingFailure }> = [];
  const handlers = { answered: (leg: string) => void results.push({ answered: leg }), failed: (reason: TRingFailure) => void results.push({ failed: reason }) };
  return { line, invites, results, handlers, timers, legs };
}

const binding = (contact: string): Partial<LiveBinding> => ({ contact, sourceAddress: '127.0.0.1', sourcePort: 5070, transport: 'udp' });

test('an extension with no binding fails as unregistered without any INVITE', async () => {
  const { line, invites, results, handlers } = setup([]);
  line.ringAgent({ extension: '1001', callerId: '+34611222333', timeoutMs: 5000 }, handlers);
  await flush();
  assert.deepEqual(results, [{ failed: 'unregistered' }]);
  assert.equal(invites.length, 0);
});

test('every contact rings with an offer of PCMU, PCMA and telephone-event; the first to answer wins and the others are cancelled', async () => {
  const { line, invites, results, handlers, legs } = setup([binding('sip:1001@127.0.0.1:5070'), binding('sip:1001@127.0.0.1:5080;transport=tcp')]);
  line.ringAgent({ extension: '1001', callerId: '+34 611 222 333', callerName: 'Ana', timeoutMs: 5000 }, handlers);
  await flush();
  assert.equal(invites.length, 2);
  const [first, second] = invites;
  assert.equal(first!.request.to, 'sip:1001@centralita');
  assert.deepEqual(first!.request.from, { user: '+34611222333', displayName: 'Ana' });
  assert.equal(second!.request.destination.transport, 'tcp');
  assert.match(first!.request.sdpOffer, /m=audio \d+ RTP\/AVP 0 8 101/);
  assert.match(first!.request.sdpOffer, /c=IN IP4 192\.0\.2\.1/);
  second!.emit('answered', { sdp: answerSdp });
  await flush();
  assert.equal(results.length, 1);
  assert.ok(results[0]!.answered);
  assert.equal(first!.cancelled, true, 'the other phone stops ringing');
  assert.equal(legs.has(results[0]!.answered!), true, 'the answered leg belongs to the queues');
  first!.emit('failed', { reason: 'cancelled' });
  await flush();
  assert.equal(results.length, 1, 'one outcome only');
});

test('nobody answers within the timeout: every branch is cancelled and the ring fails as no_answer', async () => {
  const { line, invites, results, handlers, timers } = setup([binding('sip:1001@127.0.0.1:5070')]);
  line.ringAgent({ extension: '1001', callerId: '600', timeoutMs: 20_000 }, handlers);
  await flush();
  timers.advance(20_000);
  assert.deepEqual(results, [{ failed: 'no_answer' }]);
  assert.equal(invites[0]!.cancelled, true);
});

test('busy on every branch is reported as busy; cancel() before an answer reports cancelled', async () => {
  const busy = setup([binding('sip:1001@127.0.0.1:5070'), binding('sip:1001@127.0.0.1:5080')]);
  busy.line.ringAgent({ extension: '1001', callerId: '600', timeoutMs: 20_000 }, busy.handlers);
  await flush();
  busy.invites[0]!.emit('failed', { reason: 'unreachable' });
  busy.invites[1]!.emit('failed', { reason: 'busy', status: 486 });
  await flush();
  assert.deepEqual(busy.results, [{ failed: 'busy' }]);

  const cancelled = setup([binding('sip:1001@127.0.0.1:5070')]);
  const handle = cancelled.line.ringAgent({ extension: '1001', callerId: '600', timeoutMs: 20_000 }, cancelled.handlers);
  await flush();
  handle.cancel();
  assert.deepEqual(cancelled.results, [{ failed: 'cancelled' }]);
  assert.equal(cancelled.invites[0]!.cancelled, true);
});

test('a callback is dialled through the provider trunk with its credentials; without one it is unreachable', async () => {
  const trunk = { enabled: true, registerUri: 'sip:sip.provider.example:5080', registerUsername: 'desk', registerPassword: 'secret' };
  const { line, invites, results, handlers } = setup([], [trunk]);
  line.dialOut({ tenantId: 't', number: '+34 611 222 333', callerId: '+34900100200', timeoutMs: 30_000 }, handlers);
  await flush();
  assert.equal(invites[0]!.request.target, 'sip:+34611222333@sip.provider.example:5080');
  assert.deepEqual(invites[0]!.request.credentials, { username: 'desk', password: 'secret' });
  assert.equal(invites[0]!.request.from.user, '+34900100200');
  invites[0]!.emit('answered', { sdp: answerSdp });
  await flush();
  assert.ok(results[0]?.answered);

  const none = setup([], []);
  none.line.dialOut({ tenantId: 't', number: '+34611222333', callerId: '+34900100200', timeoutMs: 30_000 }, none.handlers);
  await flush();
  assert.deepEqual(none.results, [{ failed: 'unreachable' }]);
});
