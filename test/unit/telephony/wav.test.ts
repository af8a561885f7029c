import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWav, writeWav, type WavResult } from '../../../src/server/telephony/media/wav.ts';

function audioOf(result: WavResult) {
  if (!result.ok) assert.fail(`${result.reason}: ${result.detail}`);
  return result.audio;
}

function withField(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value, true);
  return copy;
}

test('writes and reads mono 16-bit PCM at any rate', () => {
  const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
  const bytes = writeWav(samples, 22050);
  assert.equal(bytes.length, 44 + 12);
  assert.equal(Buffer.from(bytes.subarray(0, 4)).toString('latin1'), 'RIFF');
  const audio = audioOf(readWav(bytes));
  assert.equal(audio.sampleRate, 22050);
  assert.equal(audio.channels, 1);
  assert.deepEqual([...audio.samples], [...samples]);
});

test('downmixes stereo to mono', () => {
  const audio = audioOf(readWav(writeWav(Int16Array.from([1000, 3000, -2000, -4000, 32767, 32767]), 44100, 2)));
  assert.equal(audio.channels, 2);
  assert.deepEqual([...audio.samples], [2000, -3000, 32767]);
});

test('skips unknown chunks with their pad byte and reads extensible PCM', () => {
  const plain = writeWav(Int16Array.from([5, 6]), 8000);
  const list = Uint8Array.of(...Buffer.from('LIST'), 3, 0, 0, 0, 1, 2, 3, 0);
  const withList = new Uint8Array(plain.length + list.length);
  withList.set(plain.subarray(0, 36));
  withList.set(list, 36);
  withList.set(plain.subarray(36), 36 + list.length);
  assert.deepEqual([...audioOf(readWav(withList)).samples], [5, 6]);

  const extensible = new Uint8Array(plain.length + 24);
  extensible.set(plain.subarray(0, 16));
  const view = new DataView(extensible.buffer);
  view.setUint32(16, 40, true);
  extensible.set(plain.subarray(20, 36), 20);
  view.setUint16(20, 0xfffe, true);
  view.setUint16(44, 1, true);
  extensible.set(plain.subarray(36), 60);
  assert.deepEqual([...audioOf(readWav(extensible)).samples], [5, 6]);
});

test('clamps a data size larger than the file, as streaming writers leave it', () => {
  const bytes = withField(writeWav(Int16Array.from([7, 8, 9]), 22050), 40, 0x7ffff000, 4);
  assert.deepEqual([...audioOf(readWav(bytes.subarray(0, bytes.length - 1))).samples], [7, 8]);
});

test('returns typed errors for other formats and broken files', () => {
  const valid = writeWav(Int16Array.from([1, 2]), 8000);
  const renamed = (offset: number, text: string): Uint8Array => {
    const copy = valid.slice();
    copy.set(Buffer.from(text, 'latin1'), offset);
    return copy;
  };
  const cases: Array<[string, Uint8Array, string]> = [
    ['short', valid.subarray(0, 8), 'too-short'],
    ['RIFX', renamed(0, 'RIFX'), 'not-riff'],
    ['AVI', renamed(8, 'AVI '), 'not-wave'],
    ['float', withField(valid, 20, 3, 2), 'unsupported-encoding'],
    ['mu-law file', withField(valid, 20, 7, 2), 'unsupported-encoding'],
    ['8-bit', withField(valid, 34, 8, 2), 'unsupported-bits'],
    ['24-bit', withField(valid, 34, 24, 2), 'unsupported-bits'],
    ['six channels', withField(valid, 22, 6, 2), 'unsupported-channels'],
    ['zero rate', withField(valid, 24, 0, 4), 'invalid-sample-rate'],
    ['no data chunk', valid.subarray(0, 36), 'missing-data'],
    ['no fmt chunk', renamed(12, 'junk'), 'missing-fmt'],
    ['short fmt chunk', withField(valid, 16, 8, 4), 'invalid-fmt'],
  ];
  for (const [name, bytes, reason] of cases) {
    const result = readWav(bytes);
    assert.equal(result.ok ? 'ok' : result.reason, reason, name);
  }
  let seed = 7;
  for (let round = 0; round < 2000; round++) {
    const noise = valid.slice();
    for (let i = 0; i < 4; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      noise[12 + (seed % (noise.length - 12))] = seed >>> 24;
    }
    assert.doesNotThrow(() => readWav(noise.subarray(0, 12 + (seed % 40))));
  }
});
