import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInBandDtmfDetector, detectDtmfBlock, goertzelPower } from '../../../src/server/telephony/media/goertzel.ts';
import { dtmfFrequencies, generateDtmfTone, generateTone } from '../../../src/server/telephony/media/tone-generator.ts';

const DIGITS = '0123456789*#ABCD';
const silence = (ms: number): Int16Array => new Int16Array(Math.round(ms * 8));

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Feeds 20 ms frames, as the media scheduler will. */
function detect(samples: Int16Array): string {
  const detector = createInBandDtmfDetector();
  let digits = '';
  for (let i = 0; i < samples.length; i += 160) digits += detector.push(samples.subarray(i, i + 160)).join('');
  return digits;
}

function noise(length: number, amplitude: number, seed = 1): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude);
  });
}

test('detects each of the 16 DTMF tones once', () => {
  for (const digit of DIGITS) {
    assert.equal(detect(concat(silence(30), generateDtmfTone(digit, 100), silence(100))), digit, digit);
  }
  const dialled = concat(...[...DIGITS].map((digit) => concat(generateDtmfTone(digit, 70, { amplitude: 4000 }), silence(50))));
  assert.equal(detect(dialled), DIGITS);
});

test('reports a held key once and a repeated key twice', () => {
  assert.equal(detect(concat(generateDtmfTone('7', 2000), silence(100))), '7');
  for (let offset = 0; offset < 205; offset += 41) {
    const twice = concat(silence(offset / 8), generateDtmfTone('5', 60), silence(45), generateDtmfTone('5', 60), silence(100));
    assert.equal(detect(twice), '55', `offset ${offset}`);
  }
});

test('needs about 40 ms of tone', () => {
  for (let offset = 0; offset < 205; offset += 41) {
    assert.equal(detect(concat(silence(offset / 8), generateDtmfTone('9', 40), silence(100))), '9', `40 ms at ${offset}`);
    assert.equal(detect(concat(silence(offset / 8), generateDtmfTone('9', 15), silence(100))), '', `15 ms at ${offset}`);
  }
});

test('rejects silence, noise, speech-band tones and quiet tones', () => {
  assert.equal(detect(silence(1000)), '');
  assert.equal(detect(noise(16000, 12000)), '');
  assert.equal(detect(generateTone([440], 2000, { amplitude: 12000 })), '');
  assert.equal(detect(generateTone([350, 440], 2000)), '', 'dial tone');
  assert.equal(detect(generateTone([697], 500)), '', 'row tone alone');
  assert.equal(detect(generateDtmfTone('1', 200, { amplitude: 300 })), '');
  assert.equal(detect(generateDtmfTone('1', 200, { amplitude: 700 })), '1');
});

test('accepts a 1.5% frequency deviation and rejects 3.5%', () => {
  for (const digit of DIGITS) {
    const [low, high] = dtmfFrequencies(digit) ?? assert.fail(digit);
    for (const factor of [0.985, 1.015]) assert.equal(detect(generateTone([low * factor, high * factor], 100)), digit, `${digit} x${factor}`);
    for (const factor of [0.965, 1.035]) assert.equal(detect(generateTone([low * factor, high * factor], 100)), '', `${digit} x${factor}`);
  }
});

test('applies the twist limits and tolerates moderate noise', () => {
  const mixed = (rowAmplitude: number, columnAmplitude: number): Int16Array => {
    const row = generateTone([770], 40, { amplitude: rowAmplitude });
    const column = generateTone([1336], 40, { amplitude: columnAmplitude });
    return row.map((value, i) => value + (column[i] ?? 0)).subarray(0, 205);
  };
  assert.equal(detectDtmfBlock(mixed(8000, 8000)), '5');
  assert.equal(detectDtmfBlock(mixed(8000, 4000)), '5', '6 dB normal twist');
  assert.equal(detectDtmfBlock(mixed(8000, 2000)), undefined, '12 dB normal twist');
  assert.equal(detectDtmfBlock(mixed(5000, 7000)), '5', '3 dB reverse twist');
  assert.equal(detectDtmfBlock(mixed(4000, 8000)), undefined, '6 dB reverse twist');
  const noisy = generateDtmfTone('9', 200, { amplitude: 6000 }).map((value, i) => value + (noise(1600, 3000)[i] ?? 0));
  assert.equal(detect(noisy), '9');
});

test('goertzelPower measures a tone as its share of the block energy', () => {
  const tone = generateTone([1000], 100, { amplitude: 1000 });
  const power = goertzelPower(tone, 0, 800, 1000, 8000);
  assert.ok(Math.abs(power / (800 * 1000 ** 2 / 2) - 1) < 0.01, `${power}`);
  assert.ok(goertzelPower(tone, 0, 800, 1500, 8000) < power * 1e-4);
});
