import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildDtmfPackets,
  createDtmfReceiver,
  decodeTelephoneEvent,
  digitToEventCode,
  encodeTelephoneEvent,
  eventCodeToDigit,
  type TelephoneEventPacket,
} from '../../../src/server/telephony/media/dtmf-rfc4733.ts';
import { parseRtpPacket, serializeRtpPacket } from '../../../src/server/telephony/rtp/rtp-packet.ts';

const SSRC = 0x2a5c6e01;

/** Mimics one SIPp dtmf_2833_<digit>.pcap: its own timestamp and sequence, marker first, end packet three times. */
function sippCapture(digit: string, firstSequence: number, timestamp: number): TelephoneEventPacket[] {
  const code = digitToEventCode(digit) ?? assert.fail(digit);
  const durations = [160, 320, 480, 640, 800, 960, 1120];
  const packets = durations.map((duration, i) => ({ marker: i === 0, end: false, duration }));
  for (let i = 0; i < 3; i++) packets.push({ marker: false, end: true, duration: 1280 });
  return packets.map((p, i) => {
    // Through the real RTP codec, as the line will receive them.
    const bytes = serializeRtpPacket({
      marker: p.marker,
      payloadType: 101,
      sequenceNumber: (firstSequence + i) & 0xffff,
      timestamp,
      ssrc: SSRC,
      csrcs: [],
      payload: encodeTelephoneEvent({ event: code, end: p.end, volume: 10, duration: p.duration }),
      paddingLength: 0,
    });
    const parsed = parseRtpPacket(bytes);
    if (!parsed.ok) assert.fail(parsed.reason);
    return parsed.packet;
  });
}

function digitsFrom(packets: TelephoneEventPacket[]): string {
  const receiver = createDtmfReceiver();
  return packets.map((packet) => receiver.receive(packet)?.digit ?? '').join('');
}

const one = sippCapture('1', 7984, 0x0001f400);
const zero = sippCapture('0', 12080, 0x3b9aca00);

test('reports "1" then "0" from SIPp-like captures exactly once each', () => {
  const receiver = createDtmfReceiver();
  const reported = [...one, ...zero].flatMap((packet) => receiver.receive(packet) ?? []);
  assert.deepEqual(reported.map((r) => r.digit), ['1', '0']);
  assert.deepEqual(reported.map((r) => r.timestamp), [0x0001f400, 0x3b9aca00]);
  assert.equal(reported[0]?.ssrc, SSRC);
});

test('does not drop a digit whose sequence number jumps backwards', () => {
  assert.equal(digitsFrom([...zero, ...one]), '01');
  assert.equal(digitsFrom([...sippCapture('5', 65530, 1000), ...sippCapture('5', 3, 9000)]), '55');
});

test('starts a new event on a new timestamp, a new code, or a marker after the end', () => {
  const same = sippCapture('7', 100, 4000);
  assert.equal(digitsFrom([...same, ...same]), '77', 'a replayed capture is a second press');
  const sameTimestampNewCode = sippCapture('8', 200, 4000);
  assert.equal(digitsFrom([...same, ...sameTimestampNewCode]), '78');
  const markerLost = sippCapture('7', 300, 8000).map((p) => ({ ...p, marker: false }));
  assert.equal(digitsFrom([...same, ...markerLost]), '77');
});

test('survives duplication, loss and reordering without double reports', () => {
  assert.equal(digitsFrom(one.flatMap((p) => [p, p])), '1');
  assert.equal(digitsFrom(one.slice(3)), '1', 'start packets lost');
  assert.equal(digitsFrom(one.slice(-3)), '1', 'only the end packets arrived');
  assert.equal(digitsFrom([one[0]!, one[0]!, ...one.slice(1)]), '1', 'marker packet duplicated before the end');
  const reordered = [one[0]!, one[2]!, one[1]!, one[8]!, one[3]!, ...one.slice(4, 8), one[9]!];
  assert.equal(digitsFrom(reordered), '1');
});

test('ignores non-DTMF events and short payloads', () => {
  const flash = { ...one[0]!, payload: encodeTelephoneEvent({ event: 16, end: false, volume: 10, duration: 160 }) };
  assert.equal(digitsFrom([flash, { ...one[0]!, payload: Uint8Array.of(1, 2) }]), '');
});

test('maps event codes to digits', () => {
  assert.equal([...Array(16).keys()].map((code) => eventCodeToDigit(code)).join(''), '0123456789*#ABCD');
  assert.equal(eventCodeToDigit(16), undefined);
  assert.equal(eventCodeToDigit(-1), undefined);
  assert.equal(digitToEventCode('*'), 10);
  assert.equal(digitToEventCode('#'), 11);
  assert.equal(digitToEventCode('d'), 15);
  assert.equal(digitToEventCode('E'), undefined);
  assert.equal(digitToEventCode('12'), undefined);
  assert.deepEqual(decodeTelephoneEvent(Uint8Array.of(11, 0x8a, 0x03, 0x20)), { event: 11, end: true, volume: 10, duration: 800 });
  assert.deepEqual([...encodeTelephoneEvent({ event: 11, end: true, volume: 10, duration: 800 })], [11, 0x8a, 0x03, 0x20]);
  assert.throws(() => encodeTelephoneEvent({ event: 1, end: false, volume: 64, duration: 0 }), RangeError);
  assert.throws(() => encodeTelephoneEvent({ event: 1, end: false, volume: 0, duration: 70000 }), RangeError);
});

test('builds the packets of a digit: marked start, growing duration, three end packets', () => {
  const packets = buildDtmfPackets({ digit: '#', durationMs: 100, timestamp: 123456 });
  const events = packets.map((p) => decodeTelephoneEvent(p.payload));
  assert.deepEqual(packets.map((p) => p.marker), [true, false, false, false, false, false, false]);
  assert.ok(packets.every((p) => p.timestamp === 123456));
  assert.deepEqual(events.map((e) => e?.duration), [160, 320, 480, 640, 800, 800, 800]);
  assert.deepEqual(events.map((e) => e?.end), [false, false, false, false, true, true, true]);
  assert.ok(events.every((e) => e?.event === 11 && e.volume === 10));
  assert.deepEqual(packets.map((p) => p.offsetMs), [0, 20, 40, 60, 80, 100, 120]);
  const short = buildDtmfPackets({ digit: '4', durationMs: 10, timestamp: 0 });
  assert.deepEqual(short.map((p) => [p.marker, decodeTelephoneEvent(p.payload)?.end]), [[true, true], [false, true], [false, true]]);
  assert.throws(() => buildDtmfPackets({ digit: 'x', durationMs: 100, timestamp: 0 }), RangeError);
  assert.throws(() => buildDtmfPackets({ digit: '1', durationMs: 9000, timestamp: 0 }), RangeError);
  assert.throws(() => buildDtmfPackets({ digit: '1', durationMs: 0, timestamp: 0 }), RangeError);

  const receiver = createDtmfReceiver();
  const sequence = '0123456789*#ABCD';
  const heard = [...sequence].flatMap((digit, i) =>
    buildDtmfPackets({ digit, durationMs: 120, timestamp: i * 4000 }).flatMap(
      (p, j) => receiver.receive({ ...p, sequenceNumber: i * 10 + j, ssrc: SSRC })?.digit ?? [],
    ),
  );
  assert.equal(heard.join(''), sequence);
});
