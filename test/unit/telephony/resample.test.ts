import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resamplePcm } from '../../../src/server/telephony/media/resample.ts';
import { goertzelPower } from '../../../src/server/telephony/media/goertzel.ts';
import { generateTone } from '../../../src/server/telephony/media/tone-generator.ts';

// Edges are skipped: the filter sees zeros beyond the ends of the signal.
const EDGE = 200;

function energy(samples: Int16Array): number {
  let sum = 0;
  for (let i = EDGE; i < samples.length - EDGE; i++) sum += (samples[i] ?? 0) ** 2;
  return sum;
}

function tonePower(samples: Int16Array, frequency: number, sampleRate: number): number {
  return goertzelPower(samples, EDGE, samples.length - 2 * EDGE, frequency, sampleRate);
}

const decibels = (ratio: number): number => 10 * Math.log10(ratio);

test('keeps a 440 Hz tone at 440 Hz and at its level from 22050 Hz to 8000 Hz', () => {
  const input = generateTone([440], 1000, { sampleRate: 22050, amplitude: 10000 });
  const output = resamplePcm(input, 22050, 8000);
  assert.equal(output.length, 8000);
  const at440 = tonePower(output, 440, 8000);
  assert.ok(at440 / energy(output) > 0.95, `440 Hz carries ${(at440 / energy(output)).toFixed(3)} of the energy`);
  assert.ok(at440 > 100 * tonePower(output, 400, 8000) && at440 > 100 * tonePower(output, 480, 8000));
  const levelChange = decibels(energy(output) / (output.length - 2 * EDGE) / (energy(input) / (input.length - 2 * EDGE)));
  assert.ok(Math.abs(levelChange) < 0.2, `level changed by ${levelChange.toFixed(2)} dB`);
});

test('removes a 6 kHz tone instead of aliasing it to 2 kHz', () => {
  const input = generateTone([6000], 1000, { sampleRate: 22050, amplitude: 10000 });
  const output = resamplePcm(input, 22050, 8000);
  const inputPerSample = energy(input) / (input.length - 2 * EDGE);
  const outputPerSample = energy(output) / (output.length - 2 * EDGE);
  assert.ok(decibels(inputPerSample / outputPerSample) > 60, `only ${decibels(inputPerSample / outputPerSample).toFixed(1)} dB down`);
  assert.ok(tonePower(output, 2000, 8000) < energy(input) * 1e-7);
});

test('passes the telephone band and handles other rate pairs', () => {
  for (const frequency of [300, 1000, 3000]) {
    const input = generateTone([frequency], 500, { sampleRate: 44100, amplitude: 8000 });
    const output = resamplePcm(input, 44100, 8000);
    const change = decibels(energy(output) / (output.length - 2 * EDGE) / (energy(input) / (input.length - 2 * EDGE)));
    assert.ok(Math.abs(change) < 0.5, `${frequency} Hz changed by ${change.toFixed(2)} dB`);
  }
  const upsampled = resamplePcm(generateTone([1000], 500), 8000, 16000);
  assert.equal(upsampled.length, 8000);
  assert.ok(tonePower(upsampled, 1000, 16000) / energy(upsampled) > 0.95);
  const constant = resamplePcm(new Int16Array(4800).fill(10000), 48000, 8000);
  assert.equal(constant.length, 800);
  for (let i = 100; i < 700; i++) assert.ok(Math.abs((constant[i] ?? 0) - 10000) <= 20, `DC sample ${constant[i]}`);
  const same = new Int16Array([1, 2, 3]);
  const copy = resamplePcm(same, 8000, 8000);
  assert.deepEqual([...copy], [1, 2, 3]);
  assert.notEqual(copy, same);
  assert.equal(resamplePcm(new Int16Array(0), 22050).length, 0);
  assert.throws(() => resamplePcm(same, 0), RangeError);
  assert.throws(() => resamplePcm(same, 8000, Number.NaN), RangeError);
});
