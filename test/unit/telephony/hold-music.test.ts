import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeALaw, decodeMuLaw } from '../../../src/server/telephony/media/g711.ts';
import { rmsLevel } from '../../../src/server/telephony/media/g711-frames.ts';
import { goertzelPower } from '../../../src/server/telephony/media/goertzel.ts';
import { generateHoldMusic } from '../../../src/server/telephony/prompts/hold-music.ts';

const music = generateHoldMusic();

test('is 20 s of audible, unclipped audio in both laws', () => {
  assert.equal(music.pcm.length, 160_000);
  assert.equal(music.durationMs, 20_000);
  assert.equal(music.pcmu.length, 1000);
  assert.equal(music.pcma.length, 1000);
  let peak = 0;
  for (const sample of music.pcm) peak = Math.max(peak, Math.abs(sample));
  assert.ok(Math.abs(peak - 0.35 * 32767) <= 1, `peak ${peak}`);
  const rms = rmsLevel(music.pcm);
  assert.ok(rms > 1500 && rms < 6000, `RMS ${rms.toFixed(0)}`);
  for (const frameIndex of [0, 250, 500, 999]) {
    const ulaw = rmsLevel(decodeMuLaw(music.pcmu[frameIndex]!));
    const alaw = rmsLevel(decodeALaw(music.pcma[frameIndex]!));
    assert.ok(ulaw > 300 && Math.abs(ulaw - alaw) < ulaw * 0.1, `frame ${frameIndex}: µ-law ${ulaw}, A-law ${alaw}`);
  }
});

test('never falls silent, so callers on hold know the line is alive', () => {
  for (let at = 0; at + 800 <= music.pcm.length; at += 800) {
    assert.ok(rmsLevel(music.pcm.subarray(at, at + 800)) > 400, `quiet 100 ms at ${at / 8} ms`);
  }
});

test('loops without a click: the seam is as smooth as the rest', () => {
  let largestStep = 0;
  for (let i = 1; i < music.pcm.length; i++) largestStep = Math.max(largestStep, Math.abs(music.pcm[i]! - music.pcm[i - 1]!));
  const seam = Math.abs(music.pcm[0]! - music.pcm.at(-1)!);
  assert.ok(seam <= largestStep, `seam step ${seam}, largest step ${largestStep}`);
  const end = rmsLevel(music.pcm.subarray(-800));
  const start = rmsLevel(music.pcm.subarray(0, 800));
  assert.ok(Math.abs(end - start) < Math.max(end, start) * 0.5, `level at the end ${end.toFixed(0)} vs start ${start.toFixed(0)}`);
});

test('changes chord every 2.5 s and keeps its energy in the telephone band', () => {
  const power = (chord: number, frequency: number): number => goertzelPower(music.pcm, chord * 20_000 + 8000, 4000, frequency, 8000);
  // C (262 Hz) rings in the first chord (Cmaj7) and is absent from the fourth (G6).
  assert.ok(power(0, 261.63) > 20 * power(3, 261.63));
  // G (392 Hz) is in the fourth chord and not in the third (Fmaj7).
  assert.ok(power(3, 392) > 20 * power(2, 392));
  const inBand = goertzelPower(music.pcm, 0, 8000, 523.25, 8000);
  const harsh = goertzelPower(music.pcm, 0, 8000, 3600, 8000);
  assert.ok(harsh < inBand / 10000);
});
