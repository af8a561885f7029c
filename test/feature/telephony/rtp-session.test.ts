import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDtmfPackets, createDtmfReceiver } from '../../../src/server/telephony/media/dtmf-rfc4733.ts';
import { decodeMuLaw, encodeMuLaw } from '../../../src/server/telephony/media/g711.ts';
import { concatPcm, pcmToG711Prompt, silencePcm, splitFrames } from '../../../src/server/telephony/media/g711-frames.ts';
import { createMediaScheduler } from '../../../src/server/telephony/media/media-scheduler.ts';
import { generateDtmfTone, generateTone } from '../../../src/server/telephony/media/tone-generator.ts';
import { createRtpPortPool } from '../../../src/server/telephony/rtp/rtp-port-pool.ts';
import { createRtpSession, type RtpSession, type RtpSessionOptions } from '../../../src/server/telephony/rtp/rtp-session.ts';
import { openTestPeer, sleep, waitFor, type RtpTestPeer } from './rtp-test-peer.ts';

const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 41000, maxPort: 41199 });

/** A session, its peer (whose port is the SDP's) and a running scheduler, all torn down after the test. */
async function setUp(t: { after: (fn: () => void) => void }, options: Partial<RtpSessionOptions> = {}) {
  const scheduler = createMediaScheduler({ onTickError: (error) => assert.fail(String(error)) });
  const peer = await openTestPeer();
  const session = createRtpSession({
    lease: await pool.allocate(),
    remoteAddress: '127.0.0.1',
    remotePort: peer.port,
    codec: { name: 'PCMU', payloadType: 0 },
    telephoneEventPayloadType: 101,
    scheduler,
    ...options,
  });
  scheduler.start();
  t.after(() => {
    session.close();
    scheduler.stop();
    peer.close();
  });
  return { scheduler, peer, session };
}

function toneFrames(frequency: number, durationMs: number): Uint8Array[] {
  return splitFrames(encodeMuLaw(generateTone([frequency], durationMs)), 'PCMU');
}

const isSilence = (payload: Uint8Array): boolean => payload.every((byte) => byte === 0xff);

async function sendFrames(peer: RtpTestPeer, session: RtpSession, frames: Uint8Array[], spacingMs = 2): Promise<void> {
  for (const payload of frames) {
    await peer.sendRtp(session.localPort, { payload });
    await sleep(spacingMs);
  }
}

test('plays frames one per 20 ms tick with consecutive sequence numbers and timestamps', async (t) => {
  const { peer, session } = await setUp(t);
  const frames = toneFrames(440, 600);
  const handle = session.play(frames);
  assert.equal(await handle.done, 'finished');
  const start = peer.received.findIndex((r) => !isSilence(r.packet.payload));
  const played = peer.received.slice(start, start + frames.length);
  assert.equal(played.length, frames.length);
  played.forEach((r, i) => assert.deepEqual(new Uint8Array(r.packet.payload), frames[i], `frame ${i}`));
  assert.equal(played[0]?.packet.marker, true, 'talk-spurt start is marked');
  assert.ok(played.slice(1).every((r) => !r.packet.marker));
  // The timestamp counts media time: a tick the scheduler had to skip on a busy machine shows as a
  // step of 320 (or more) while the sequence number still steps by one, as RFC 3550 wants.
  const all = peer.received;
  let skipped = 0;
  for (let i = 1; i < all.length; i++) {
    const [previous, current] = [all[i - 1]!.packet, all[i]!.packet];
    assert.equal(current.sequenceNumber, (previous.sequenceNumber + 1) & 0xffff);
    const step = (current.timestamp - previous.timestamp) >>> 0;
    assert.ok(step >= 160 && step % 160 === 0 && step <= 160 * 10, `timestamp step ${step} after packet ${i - 1}`);
    skipped += step / 160 - 1;
    assert.equal(current.ssrc, session.ssrc);
    assert.equal(current.payloadType, 0);
  }
  assert.ok(skipped <= all.length / 10, `${skipped} ticks skipped over ${all.length} packets`);
  const gaps = played.slice(1).map((r, i) => r.atMs - played[i]!.atMs).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  assert.ok(median > 15 && median < 25, `median spacing ${median.toFixed(2)} ms`);
  const total = played.at(-1)!.atMs - played[0]!.atMs;
  assert.ok(Math.abs(total - 20 * (frames.length - 1)) < 60, `${frames.length} frames took ${total.toFixed(1)} ms`);
  assert.ok(session.stats().packetsOut >= frames.length);
});

test('sends silence while idle, and nothing with idle: pause', async (t) => {
  const silent = await setUp(t);
  const paused = await setUp(t, { idle: 'pause' });
  await sleep(150);
  assert.ok(silent.peer.received.length >= 4 && silent.peer.received.every((r) => isSilence(r.packet.payload)));
  assert.equal(silent.peer.received[0]?.packet.marker, true);
  assert.equal(paused.peer.received.length, 0);
  await paused.session.play(toneFrames(500, 100)).done;
  assert.equal(paused.peer.received.length, 5);
  assert.equal(paused.peer.received[0]?.packet.marker, true);
});

test('symmetric RTP: latches to the port the peer really sends from', async (t) => {
  const { peer: sdpPeer, session } = await setUp(t);
  const natPeer = await openTestPeer();
  t.after(() => natPeer.close());
  const latched: unknown[] = [];
  session.on('latched', (where) => latched.push(where));
  await waitFor('silence to the SDP address', () => sdpPeer.received.length >= 2);
  assert.equal(natPeer.received.length, 0);
  await natPeer.sendRtp(session.localPort, { payload: toneFrames(300, 20)[0]! });
  await waitFor('latch', () => latched.length === 1);
  assert.deepEqual(latched[0], { address: '127.0.0.1', port: natPeer.port });
  assert.deepEqual(session.destination, { address: '127.0.0.1', port: natPeer.port });
  const before = sdpPeer.received.length;
  await waitFor('media to the latched port', () => natPeer.received.length >= 3);
  assert.ok(sdpPeer.received.length <= before + 1, 'the SDP port stops receiving');
});

test('ignores packets from other ports, other addresses and garbage', async (t) => {
  const { peer, session } = await setUp(t);
  const stranger = await openTestPeer('127.0.0.2');
  const otherPort = await openTestPeer();
  t.after(() => {
    stranger.close();
    otherPort.close();
  });
  const heard: Int16Array[] = [];
  session.on('audio', (pcm) => heard.push(pcm));
  const frame = toneFrames(300, 20)[0]!;
  await stranger.sendRtp(session.localPort, { payload: frame });
  await sleep(30);
  assert.equal(session.stats().ignoredPackets, 1, 'another IP before latching');
  await peer.sendRtp(session.localPort, { payload: frame });
  await waitFor('latched audio', () => heard.length === 1);
  await otherPort.sendRtp(session.localPort, { payload: frame });
  await stranger.sendRtp(session.localPort, { payload: frame });
  await peer.sendRaw(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), session.localPort);
  await peer.sendRtp(session.localPort, { payload: frame, payloadType: 18 });
  await waitFor('four more ignored', () => session.stats().ignoredPackets === 5);
  assert.equal(heard.length, 1);
  assert.equal(session.stats().packetsIn, 1);
});

test('RFC 4733 events give one dtmf event per digit, even with SIPp-style sequence jumps', async (t) => {
  const { peer, session } = await setUp(t);
  const digits: string[] = [];
  session.on('dtmf', (event) => digits.push(`${event.digit}/${event.via}`));
  const presses: Array<[string, number, number]> = [['1', 7984, 80_000], ['0', 12_080, 96_000], ['#', 300, 112_000]];
  for (const [digit, firstSequence, timestamp] of presses) {
    const packets = buildDtmfPackets({ digit, durationMs: 120, timestamp });
    for (const [i, event] of packets.entries()) {
      await peer.sendRtp(session.localPort, {
        payloadType: 101,
        marker: event.marker,
        timestamp,
        sequenceNumber: firstSequence + i,
        payload: event.payload,
      });
    }
  }
  await waitFor('three digits', () => digits.length >= 3);
  await sleep(40);
  assert.deepEqual(digits, ['1/rfc4733', '0/rfc4733', '#/rfc4733']);
});

test('an in-band DTMF tone in the audio gives a dtmf event', async (t) => {
  const { peer, session } = await setUp(t);
  const digits: string[] = [];
  session.on('dtmf', (event) => digits.push(`${event.digit}/${event.via}`));
  const pcm = concatPcm([silencePcm(60), generateDtmfTone('7', 120), silencePcm(80), generateDtmfTone('7', 120), silencePcm(60)]);
  await sendFrames(peer, session, splitFrames(encodeMuLaw(pcm), 'PCMU'));
  await waitFor('two in-band digits', () => digits.length >= 2);
  await sleep(30);
  assert.deepEqual(digits, ['7/in-band', '7/in-band']);
});

test('inactivity timeout fires once when RTP stops, not while it flows', async (t) => {
  const { peer, session } = await setUp(t, { inactivityTimeoutMs: 150 });
  const timeouts: number[] = [];
  session.on('timeout', (event) => timeouts.push(event.silentForMs));
  const started = performance.now();
  await sendFrames(peer, session, toneFrames(400, 400), 20);
  assert.ok(performance.now() - started > 300);
  assert.deepEqual(timeouts, [], 'no timeout while packets arrive');
  const stoppedAt = performance.now();
  await waitFor('timeout', () => timeouts.length === 1, 1000);
  const after = performance.now() - stoppedAt;
  assert.ok(after >= 130 && after < 400, `fired ${after.toFixed(0)} ms after the last packet`);
  await sleep(300);
  assert.equal(timeouts.length, 1);
});

test('stopping a prompt (barge-in) ends it at once and resolves "stopped"', async (t) => {
  const { peer, session } = await setUp(t);
  const prompt = pcmToG711Prompt(generateTone([440], 2000));
  const first = session.play(prompt);
  const queued = session.play(prompt);
  await sleep(200);
  first.stop();
  assert.equal(await first.done, 'stopped');
  await sleep(100);
  session.stopPlayback();
  assert.equal(await queued.done, 'stopped');
  const stoppedAt = peer.received.length;
  await sleep(120);
  const later = peer.received.slice(stoppedAt + 1);
  assert.ok(later.length >= 4 && later.every((r) => isSilence(r.packet.payload)), 'only silence after the stop');
  const toneFramesSent = peer.received.filter((r) => !isSilence(r.packet.payload)).length;
  assert.ok(toneFramesSent < 25, `${toneFramesSent} tone frames, not 200`);
});

test('recording captures what the peer sent, fills lost packets and honours the maximum', async (t) => {
  const { peer, session } = await setUp(t);
  const frames = toneFrames(600, 400);
  const recording = session.startRecording({ maxDurationMs: 10_000 });
  await sendFrames(peer, session, frames.slice(0, 10));
  await peer.sendRtp(session.localPort, { payload: frames[10]!, sequenceNumber: 1011 });
  await sleep(20);
  await waitFor('11 packets', () => session.stats().packetsIn === 11);
  recording.stop();
  const result = await recording.done;
  assert.equal(result.reason, 'stopped');
  assert.equal(result.samples.length, 12 * 160, 'ten frames, one lost frame of silence, one frame');
  assert.deepEqual(result.samples.subarray(0, 1600), decodeMuLaw(concatBytes(frames.slice(0, 10))));
  assert.ok(result.samples.subarray(1600, 1760).every((sample) => sample === 0));
  assert.deepEqual(result.samples.subarray(1760), decodeMuLaw(frames[10]!));

  const short = session.startRecording({ maxDurationMs: 100 });
  await sendFrames(peer, session, frames.slice(11, 20));
  const ended = await short.done;
  assert.equal(ended.reason, 'max-duration');
  assert.equal(ended.samples.length, 800);
  assert.equal(ended.durationMs, 100);
});

test('audio survives a restarted sequence, while late and duplicate packets are dropped', async (t) => {
  const { peer, session } = await setUp(t);
  const frames = toneFrames(700, 200);
  const recording = session.startRecording();
  await sendFrames(peer, session, frames.slice(0, 3));
  await peer.sendRtp(session.localPort, { payload: frames[3]!, sequenceNumber: 1001 });
  await peer.sendRtp(session.localPort, { payload: frames[4]!, sequenceNumber: 1002 });
  await sendFrames(peer, session, frames.slice(5, 8));
  await peer.sendRtp(session.localPort, { payload: frames[8]!, sequenceNumber: 12 });
  await sendFrames(peer, session, frames.slice(9, 10));
  await waitFor('all packets', () => session.stats().packetsIn === 10);
  recording.stop();
  const { samples } = await recording.done;
  const expected = [0, 1, 2, 5, 6, 7, 8, 9].map((i) => [...decodeMuLaw(frames[i]!)]).flat();
  assert.deepEqual([...samples], expected);
});

test('sends RFC 4733 digits in place of audio, and PCMA silence for an A-law call', async (t) => {
  const { peer, session } = await setUp(t, { codec: { name: 'PCMA', payloadType: 8 } });
  await session.sendDtmf('5', 100);
  await sleep(30);
  const receiver = createDtmfReceiver();
  const events = peer.received.filter((r) => r.packet.payloadType === 101);
  assert.ok(events.length >= 7, `${events.length} event packets`);
  assert.equal(new Set(events.map((r) => r.packet.timestamp)).size, 1, 'one timestamp per event');
  assert.deepEqual(events.map((r) => receiver.receive(r.packet)?.digit).filter(Boolean), ['5']);
  await assert.rejects(session.sendDtmf('X'), /not a DTMF digit/);
  const audio = peer.received.filter((r) => r.packet.payloadType === 8);
  assert.ok(audio.length > 0 && audio.every((r) => r.packet.payload.every((byte) => byte === 0xd5)));
});

test('close releases the port, resolves pending work and stops sending', async (t) => {
  const { peer, session, scheduler } = await setUp(t);
  const inUse = pool.inUse;
  const playing = session.play(toneFrames(440, 1000));
  const recording = session.startRecording();
  const closed: unknown[] = [];
  session.on('closed', () => closed.push(true));
  await sleep(60);
  session.close();
  assert.equal(await playing.done, 'stopped');
  assert.equal((await recording.done).reason, 'closed');
  assert.equal(closed.length, 1);
  assert.equal(scheduler.size, 0);
  await waitFor('port released', () => pool.inUse === inUse - 1);
  await sleep(20);
  const count = peer.received.length;
  await sleep(80);
  assert.equal(peer.received.length, count);
  assert.equal(await session.play(toneFrames(440, 100)).done, 'stopped', 'playing after close does not hang');
  assert.throws(() => session.startRecording(), /closed/);
});

function concatBytes(frames: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames.length * 160);
  frames.forEach((frame, i) => out.set(frame, i * 160));
  return out;
}
