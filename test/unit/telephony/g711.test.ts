import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeALaw,
  decodeALawSample,
  decodeMuLaw,
  decodeMuLawSample,
  encodeALaw,
  encodeALawSample,
  encodeMuLaw,
  encodeMuLawSample,
} from '../../../src/server/telephony/media/g711.ts';
import { generateTone } from '../../../src/server/telephony/media/tone-generator.ts';

test('encodes and decodes the known G.711 values', () => {
  assert.equal(encodeMuLawSample(0), 0xff);
  assert.equal(encodeALawSample(0), 0xd5);
  assert.equal(encodeMuLawSample(32767), 0x80);
  assert.equal(encodeMuLawSample(-32768), 0x00);
  assert.equal(encodeALawSample(32767), 0xaa);
  assert.equal(encodeALawSample(-32768), 0x2a);
  assert.equal(encodeMuLawSample(1000), 0xce);
  assert.equal(encodeMuLawSample(-1000), 0x4e);
  assert.equal(encodeALawSample(1000), 0xfa);
  assert.equal(encodeALawSample(-1000), 0x7a);
  assert.deepEqual([0x00, 0x7f, 0x80, 0xff].map(decodeMuLawSample), [-32124, 0, 32124, 0]);
  assert.deepEqual([0xd5, 0x55, 0xaa, 0x2a].map(decodeALawSample), [8, -8, 32256, -32256]);
  assert.equal(encodeMuLawSample(1e9), 0x80);
  assert.equal(encodeALawSample(-1e9), 0x2a);
});

test('every code word survives decode then encode', () => {
  for (let code = 0; code < 256; code++) {
    assert.equal(encodeALawSample(decodeALawSample(code)), code, `A-law ${code}`);
    // 0x7F is µ-law's negative zero, which decodes to 0 and re-encodes as positive zero.
    assert.equal(encodeMuLawSample(decodeMuLawSample(code)), code === 0x7f ? 0xff : code, `µ-law ${code}`);
  }
});

test('round-trip error stays within half a quantisation step for every 16-bit sample', () => {
  for (let x = -32768; x <= 32767; x++) {
    const muError = Math.abs(decodeMuLawSample(encodeMuLawSample(x)) - x);
    const aError = Math.abs(decodeALawSample(encodeALawSample(x)) - x);
    if (Math.abs(x) <= 32000) {
      assert.ok(muError <= Math.abs(x) / 32 + 8, `µ-law error ${muError} at ${x}`);
      assert.ok(aError <= Math.abs(x) / 32 + 8, `A-law error ${aError} at ${x}`);
    }
    assert.ok(muError <= 644 && aError <= 512, `clipping error at ${x}`);
  }
});

test('array codecs match the sample codecs and keep a tone at about 38 dB SNR', () => {
  // 1013 Hz rather than 1000 Hz: a tone at a divisor of 8 kHz repeats only a handful of sample values.
  const tone = generateTone([1013], 500, { amplitude: 10000 });
  for (const [encode, decode, encodeSample] of [
    [encodeMuLaw, decodeMuLaw, encodeMuLawSample],
    [encodeALaw, decodeALaw, encodeALawSample],
  ] as const) {
    const encoded = encode(tone);
    assert.deepEqual([...encoded], [...tone].map(encodeSample));
    const decoded = decode(encoded);
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < tone.length; i++) {
      signal += (tone[i] ?? 0) ** 2;
      noise += ((tone[i] ?? 0) - (decoded[i] ?? 0)) ** 2;
    }
    const snr = 10 * Math.log10(signal / noise);
    assert.ok(snr > 35 && snr < 42, `SNR ${snr.toFixed(1)} dB`);
  }
});
