import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from '../../../src/server/telephony/rtp/rtp-packet.ts';

function packet(overrides: Partial<RtpPacket> = {}): RtpPacket {
  return {
    marker: false,
    payloadType: 0,
    sequenceNumber: 1,
    timestamp: 160,
    ssrc: 0x11223344,
    csrcs: [],
    payload: new Uint8Array(160).fill(0xff),
    paddingLength: 0,
    ...overrides,
  };
}

test('serialises a G.711 packet with the RFC 3550 header layout', () => {
  const bytes = serializeRtpPacket(packet({ marker: true, payloadType: 8, sequenceNumber: 0xabcd, timestamp: 0x01020304 }));
  assert.equal(bytes.length, 172);
  assert.deepEqual([...bytes.subarray(0, 12)], [0x80, 0x88, 0xab, 0xcd, 1, 2, 3, 4, 0x11, 0x22, 0x33, 0x44]);
  const parsed = parseRtpPacket(bytes);
  assert.ok(parsed.ok);
  assert.equal(parsed.packet.marker, true);
  assert.equal(parsed.packet.payloadType, 8);
  assert.equal(parsed.packet.sequenceNumber, 0xabcd);
  assert.equal(parsed.packet.timestamp, 0x01020304);
  assert.equal(parsed.packet.payload.length, 160);
});

test('round-trips CSRCs, header extension, padding and extreme field values', () => {
  const original = packet({
    payloadType: 101,
    sequenceNumber: 65535,
    timestamp: 0xffffffff,
    ssrc: 0xfedcba98,
    csrcs: [1, 0xffffffff, 3],
    extension: { profile: 0xbede, data: Uint8Array.of(0x10, 0xaa, 0, 0, 1, 2, 3, 4) },
    payload: Uint8Array.of(5, 0x8a, 0x03, 0x20),
    paddingLength: 4,
  });
  const bytes = serializeRtpPacket(original);
  assert.equal(bytes[0], 0x80 | 0x20 | 0x10 | 3);
  assert.equal(bytes.length, 12 + 12 + 4 + 8 + 4 + 4);
  const parsed = parseRtpPacket(bytes);
  assert.ok(parsed.ok);
  assert.deepEqual({ ...parsed.packet, payload: [...parsed.packet.payload], extension: { ...parsed.packet.extension, data: [...(parsed.packet.extension?.data ?? [])] } }, {
    ...original,
    payload: [...original.payload],
    extension: { profile: 0xbede, data: [0x10, 0xaa, 0, 0, 1, 2, 3, 4] },
  });
});

test('parses from a view into a larger buffer', () => {
  const bytes = serializeRtpPacket(packet({ sequenceNumber: 7 }));
  const larger = new Uint8Array(bytes.length + 20);
  larger.set(bytes, 10);
  const parsed = parseRtpPacket(larger.subarray(10, 10 + bytes.length));
  assert.ok(parsed.ok);
  assert.equal(parsed.packet.sequenceNumber, 7);
  assert.equal(parsed.packet.payload.length, 160);
});

test('rejects malformed packets with a reason', () => {
  const valid = serializeRtpPacket(packet());
  const withFirstByte = (value: number, length = valid.length): Uint8Array => {
    const copy = valid.slice(0, length);
    copy[0] = value;
    return copy;
  };
  const cases: Array<[string, Uint8Array, string]> = [
    ['empty', new Uint8Array(0), 'too-short'],
    ['eleven bytes', valid.slice(0, 11), 'too-short'],
    ['version 1', withFirstByte(0x40), 'bad-version'],
    ['version 0 (STUN)', withFirstByte(0x00), 'bad-version'],
    ['CSRC count past the end', withFirstByte(0x8f, 40), 'truncated-csrc'],
    ['extension header missing', withFirstByte(0x90, 14), 'truncated-extension'],
    ['extension longer than the packet', (() => { const c = withFirstByte(0x90, 20); c[14] = 0; c[15] = 9; return c; })(), 'truncated-extension'],
    ['padding count zero', (() => { const c = withFirstByte(0xa0); c[c.length - 1] = 0; return c; })(), 'bad-padding'],
    ['padding longer than payload', (() => { const c = withFirstByte(0xa0, 20); c[19] = 200; return c; })(), 'bad-padding'],
    ['RTCP sender report', (() => { const c = valid.slice(); c[1] = 200; return c; })(), 'rtcp-packet'],
  ];
  for (const [name, bytes, reason] of cases) {
    const result = parseRtpPacket(bytes);
    assert.equal(result.ok ? 'ok' : result.reason, reason, name);
  }
});

test('never throws on random bytes', () => {
  let seed = 99;
  for (let round = 0; round < 5000; round++) {
    const bytes = new Uint8Array(round % 80);
    for (let i = 0; i < bytes.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const result = parseRtpPacket(bytes);
    if (result.ok) assert.ok(result.packet.payload.length <= bytes.length - 12);
  }
});

test('refuses out-of-range fields when serialising', () => {
  assert.throws(() => serializeRtpPacket(packet({ payloadType: 128 })), RangeError);
  assert.throws(() => serializeRtpPacket(packet({ sequenceNumber: 65536 })), RangeError);
  assert.throws(() => serializeRtpPacket(packet({ timestamp: -1 })), RangeError);
  assert.throws(() => serializeRtpPacket(packet({ csrcs: new Array(16).fill(1) })), RangeError);
  assert.throws(() => serializeRtpPacket(packet({ extension: { profile: 1, data: new Uint8Array(3) } })), RangeError);
});
