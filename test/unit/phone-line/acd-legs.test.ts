import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AcdTelephonyEvents } from '../../../src/server/acd/acd-telephony.ts';
import { createAcdLegs } from '../../../src/server/phone-line/acd-legs.ts';
import { decodeALaw, decodeMuLaw, encodeALaw } from '../../../src/server/telephony/media/g711.ts';
import { pcmToG711Prompt, rmsLevel, silenceFrame, type G711Codec } from '../../../src/server/telephony/media/g711-frames.ts';
import { generateTone } from '../../../src/server/telephony/media/tone-generator.ts';
import { createRelayBuffer } from '../../../src/server/telephony/rtp/relay-buffer.ts';
import type { FrameSource } from '../../../src/server/telephony/rtp/rtp-playout.ts';
import type { RtpSession, RtpSessionEvents } from '../../../src/server/telephony/rtp/rtp-session.ts';
import { createFakeSipTimers } from '../telephony/fake-sip-timers.ts';
import { silentLogger } from '../telephony/silent-logger.ts';

test('the relay buffer re-cuts 30 ms packets into 20 ms frames, transcodes, primes two frames and drops the oldest when full', () => {
  const buffer = createRelayBuffer({ primeFrames: 2, maxFrames: 4 });
  const tone = generateTone([440], 60, { amplitude: 8000 });
  // A-law on the way in (as a caller's phone sends it), decoded by the receiving session.
  const received = decodeALaw(encodeALaw(tone));
  buffer.push(received.subarray(0, 240));
  assert.equal(buffer.pull('PCMU'), undefined, 'one and a half frames: still priming');
  buffer.push(received.subarray(240, 480));
  assert.equal(buffer.queued, 3);
  const frame = buffer.pull('PCMU')!;
  assert.equal(frame.length, 160);
  const back = decodeMuLaw(frame);
  for (let i = 0; i < 160; i += 20) assert.ok(Math.abs(back[i]! - tone[i]!) < 400, `sample ${i}: ${back[i]} vs ${tone[i]}`);
  buffer.pull('PCMU');
  buffer.pull('PCMU');
  assert.equal(buffer.pull('PCMU'), undefined, 'an underrun');
  assert.equal(buffer.stats().underruns, 1);
  for (let i = 0; i < 6; i++) buffer.push(new Int16Array(160).fill(i * 100));
  assert.equal(buffer.queued, 4);
  assert.equal(buffer.stats().dropped, 2);
  assert.equal(decodeALaw(buffer.pull('PCMA')!)[0], decodeALaw(encodeALaw(new Int16Array([200])))[0], 'the oldest two went');
});

/** An RTP session as the leg media sees it: events in, frames out through whatever it plays. */
function fakeSession(codec: G711Codec) {
  const listeners: { [K in keyof RtpSessionEvents]?: Set<(payload: RtpSessionEvents[K]) => void> } = {};
  let source: FrameSource | undefined;
  const dtmfSent: string[] = [];
  const session = {
    play(media: FrameSource) {
      source = media;
      return { stop: () => undefined, done: new Promise(() => undefined) };
    },
    stopPlayback: () => (source = undefined),
    sendDtmf: async (digit: string) => void dtmfSent.push(digit),
    on<K extends keyof RtpSessionEvents>(event: K, listener: (payload: RtpSessionEvents[K]) => void) {
      const set = ((listeners[event] as Set<typeof listener> | undefined) ?? new Set()) as Set<typeof listener>;
      (listeners as Record<string, unknown>)[event] = set;
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as RtpSession;
  return {
    session,
    dtmfSent,
    emit<K extends keyof RtpSessionEvents>(event: K, payload: RtpSessionEvents[K]) {
      for (const listener of (listeners[event] ?? []) as Set<(p: RtpSessionEvents[K]) => void>) listener(payload);
    },
    /** The next frame the session would send, decoded. */
    tick: () => (codec === 'PCMU' ? decodeMuLaw : decodeALaw)(source!.nextFrame(codec)!),
    rawTick: () => source!.nextFrame(codec)!,
  };
}

function setup() {
  const timers = createFakeSipTimers();
  const music = pcmToG711Prompt(generateTone([330], 200, { amplitude: 5000 }));
  const spoken: string[] = [];
  const events: Array<[string, ...unknown[]]> = [];
  const listener: AcdTelephonyEvents = {
    legEnded: (leg, by) => void events.push(['legEnded', leg, by]),
    digit: (leg, digit) => void events.push(['digit', leg, digit]),
    registrationChanged: () => undefined,
  };
  const ends: string[] = [];
  const legs = createAcdLegs({
    holdMusic: music,
    speak: async (sentences) => {
      spoken.push(sentences.join(' '));
      return pcmToG711Prompt(generateTone([800], 100, { amplitude: 7000 }));
    },
    storeRecording: async () => undefined,
    timers,
    log: silentLogger,
  });
  legs.connect(listener);
  const caller = fakeSession('PCMA');
  const agent = fakeSession('PCMU');
  legs.adopt('caller', caller.session, () => ends.push('caller'));
  legs.adopt('agent', agent.session, () => ends.push('agent'));
  return { legs, caller, agent, music, spoken, events, ends, timers };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('bridged legs hear each other, A-law caller to µ-law operator and back; digits are regenerated and reported', () => {
  const { legs, caller, agent, events } = setup();
  legs.bridge('caller', 'agent');
  const voice = generateTone([500], 60, { amplitude: 9000 });
  caller.emit('audio', voice.subarray(0, 160));
  caller.emit('audio', voice.subarray(160, 320));
  const heardByAgent = agent.tick();
  assert.ok(rmsLevel(heardByAgent) > 4000, `the operator hears the caller: ${rmsLevel(heardByAgent)}`);
  assert.ok(Math.abs(heardByAgent[10]! - voice[10]!) < 500);
  assert.ok(rmsLevel(caller.tick()) < 20, 'nothing from the operator yet: silence');
  agent.emit('audio', generateTone([700], 40, { amplitude: 9000 }).subarray(0, 160));
  agent.emit('audio', generateTone([700], 40, { amplitude: 9000 }).subarray(160, 320));
  assert.ok(rmsLevel(caller.tick()) > 4000, 'the caller hears the operator');
  caller.emit('dtmf', { digit: '5', via: 'rfc4733' });
  assert.deepEqual(agent.dtmfSent, ['5']);
  assert.deepEqual(events, [['digit', 'caller', '5']]);
});

test('hold: the held leg hears music, its peer silence; resume bridges them again', () => {
  const { legs, caller, agent, music } = setup();
  legs.bridge('caller', 'agent');
  legs.hold('caller');
  assert.deepEqual(caller.rawTick(), music.pcma[0], 'hold music, from the shared encoded frames');
  agent.emit('audio', new Int16Array(160).fill(3000));
  agent.emit('audio', new Int16Array(160).fill(3000));
  assert.deepEqual(caller.rawTick(), music.pcma[1], 'the operator is not heard while the caller is held');
  caller.emit('audio', new Int16Array(160).fill(3000));
  assert.deepEqual(agent.rawTick(), silenceFrame('PCMU'));
  legs.resume('caller');
  agent.emit('audio', new Int16Array(160).fill(3000));
  agent.emit('audio', new Int16Array(160).fill(3000));
  assert.ok(Math.abs(caller.tick()[0]! - 3000) < 200, 'after resume the operator is heard again');
});

test('waiting: music with the announcement at once, again every 30 s and at once when it changes', async () => {
  const { legs, caller, spoken, timers } = setup();
  legs.startWaiting('caller', { language: 'es', position: 3, estimatedWaitSeconds: 125, offerCallback: true });
  await flush();
  assert.deepEqual(spoken, ['Es usted el número 3 en la cola. El tiempo de espera estimado es de 3 minutos. Si prefiere que le llamemos, pulse 1.']);
  assert.ok(rmsLevel(caller.tick()) > 3000, 'the announcement plays first');
  legs.startWaiting('caller', { language: 'es', position: 3, estimatedWaitSeconds: 125, offerCallback: true });
  assert.equal(spoken.length, 1, 'the same announcement is not restarted');
  timers.advance(30_000);
  await flush();
  assert.equal(spoken.length, 2);
  legs.startWaiting('caller', { language: 'en', position: 1, estimatedWaitSeconds: 20, offerCallback: false });
  await flush();
  assert.equal(spoken.at(-1), 'You are first in the queue. We will be with you in less than a minute.');
  assert.ok(rmsLevel(caller.tick()) > 3000, 'the new announcement is playing');
  legs.bridge('caller', 'agent');
  assert.ok(rmsLevel(caller.tick()) < 20, 'a bridge cuts the announcement short');
  timers.advance(30_000);
  await flush();
  assert.equal(spoken.length, 3, 'no more announcements once bridged');
});

test('hangup ends the leg and reports it as local; a far-end hang-up is reported as remote, once', () => {
  const { legs, events, ends } = setup();
  legs.bridge('caller', 'agent');
  legs.hangup('agent');
  assert.deepEqual(ends, ['agent']);
  legs.remoteEnded('caller');
  legs.remoteEnded('caller');
  assert.deepEqual(events, [['legEnded', 'agent', 'local'], ['legEnded', 'caller', 'remote']]);
  assert.equal(legs.stats().legs, 0);
});
