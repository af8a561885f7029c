import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMuLaw } from '../../../src/server/telephony/media/g711.ts';
import { goertzelPower } from '../../../src/server/telephony/media/goertzel.ts';
import { generateTone } from '../../../src/server/telephony/media/tone-generator.ts';
import { writeWav } from '../../../src/server/telephony/media/wav.ts';
import { convertUploadedPrompt, type UploadedPromptFailure } from '../../../src/server/telephony/prompts/uploaded-prompt.ts';

function withField(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value, true);
  return copy;
}

const oneSecond = writeWav(generateTone([440], 1000, { sampleRate: 16000 }), 16000);

async function assertRejected(data: Uint8Array, reason: UploadedPromptFailure, detail: RegExp): Promise<void> {
  const result = await convertUploadedPrompt(data);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.reason, reason);
  assert.match(result.detail, detail);
}

test('rejects files over 10 MB before parsing them', async () => {
  await assertRejected(new Uint8Array(10 * 1024 * 1024 + 1), 'too-large', /10485761 bytes; the limit is 10485760/);
});

test('rejects what is not a WAV file', async () => {
  await assertRejected(new TextEncoder().encode('ID3\u0004 this is an MP3'), 'not-wav', /RIFF/);
  await assertRejected(new Uint8Array(8), 'not-wav', /8 bytes/);
  await assertRejected(withField(oneSecond, 8, 0x20495641, 4), 'not-wav', /not WAVE/);
});

test('rejects a WAV with a broken structure', async () => {
  const noFormat = oneSecond.slice();
  noFormat.set(new TextEncoder().encode('junk'), 12);
  await assertRejected(noFormat, 'malformed-wav', /no fmt chunk|data chunk before fmt/);
  await assertRejected(oneSecond.subarray(0, 36), 'malformed-wav', /no data chunk/);
  await assertRejected(oneSecond.subarray(0, 30), 'malformed-wav', /fmt chunk of 16 bytes/);
});

test('rejects compressed and float encodings', async () => {
  await assertRejected(withField(oneSecond, 20, 3, 2), 'not-pcm', /format tag 3; save it as uncompressed PCM WAV/);
  await assertRejected(withField(oneSecond, 20, 6, 2), 'not-pcm', /format tag 6/);
});

test('rejects sample sizes other than 16 bits', async () => {
  await assertRejected(withField(oneSecond, 34, 24, 2), 'unsupported-bits', /24 bits per sample; save it as 16-bit PCM/);
  await assertRejected(withField(oneSecond, 34, 8, 2), 'unsupported-bits', /8 bits/);
});

test('rejects more than two channels', async () => {
  await assertRejected(withField(oneSecond, 22, 6, 2), 'unsupported-channels', /6 channels/);
});

test('rejects sample rates outside 8-48 kHz', async () => {
  await assertRejected(withField(oneSecond, 24, 96000, 4), 'unsupported-sample-rate', /96000 Hz; accepted rates are 8000-48000 Hz/);
  await assertRejected(withField(oneSecond, 24, 6000, 4), 'unsupported-sample-rate', /6000 Hz/);
  await assertRejected(withField(oneSecond, 24, 500, 4), 'unsupported-sample-rate', /500 Hz/);
});

test('rejects recordings longer than 120 s and empty ones', async () => {
  await assertRejected(writeWav(new Int16Array(8000 * 121), 8000), 'too-long', /121\.0 s; the limit is 120 s/);
  await assertRejected(writeWav(new Int16Array(0), 8000), 'empty', /no samples/);
});

test('converts a 44.1 kHz stereo WAV to 8 kHz G.711 frames, keeping its tone', async () => {
  const left = generateTone([1000], 1500, { sampleRate: 44100 });
  const stereo = new Int16Array(left.length * 2);
  left.forEach((sample, i) => stereo.set([sample, sample], i * 2));
  const result = await convertUploadedPrompt(writeWav(stereo, 44100, 2));
  if (!result.ok) return assert.fail(`${result.reason}: ${result.detail}`);
  const { prompt } = result;
  assert.deepEqual(prompt.original, { sampleRate: 44100, channels: 2, durationMs: 1500 });
  assert.equal(prompt.pcm.length, 12000);
  assert.equal(prompt.pcmu.length, 75);
  assert.equal(prompt.pcma.length, 75);
  assert.equal(prompt.durationMs, 1500);
  const decoded = decodeMuLaw(prompt.pcmu[40]!);
  const atTone = goertzelPower(decoded, 0, 160, 1000, 8000);
  const offTone = goertzelPower(decoded, 0, 160, 1600, 8000);
  assert.ok(atTone > offTone * 100, `1 kHz carries ${atTone.toExponential(2)} vs ${offTone.toExponential(2)}`);
});

test('accepts the limits themselves: 120 s, 8 kHz and 48 kHz', async () => {
  const longest = await convertUploadedPrompt(writeWav(new Int16Array(8000 * 120), 8000));
  assert.equal(longest.ok && longest.prompt.pcmu.length, 6000);
  const fast = await convertUploadedPrompt(writeWav(generateTone([500], 200, { sampleRate: 48000 }), 48000));
  assert.equal(fast.ok && fast.prompt.pcm.length, 1600);
});
