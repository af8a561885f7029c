import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeALaw, decodeMuLaw } from '../../../src/server/telephony/media/g711.ts';
import { rmsLevel } from '../../../src/server/telephony/media/g711-frames.ts';
import { createEspeakSynthesizer, type SpeechRequest } from '../../../src/server/telephony/prompts/espeak-synthesizer.ts';
import { createTextToSpeech, type RenderedPrompt } from '../../../src/server/telephony/prompts/text-to-speech.ts';

const espeak = createEspeakSynthesizer();
const requests: SpeechRequest[] = [];
const counting = { synthesize: (request: SpeechRequest) => (requests.push(request), espeak.synthesize(request)), close: async () => undefined };
const cacheDir = await mkdtemp(join(tmpdir(), 'centralita-prompts-'));
const tts = createTextToSpeech({ synthesizer: counting, cacheDir, onCacheError: (error) => assert.fail(String(error)) });
after(async () => {
  await espeak.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const joinFrames = (frames: readonly Uint8Array[]): Uint8Array => Uint8Array.from(frames.flatMap((frame) => [...frame]));

/** Runs of at least `minMs` where every 10 ms window is below the RMS threshold. */
function silentRuns(pcm: Int16Array, minMs: number, threshold = 150): number {
  let runs = 0;
  let run = 0;
  for (let at = 0; at + 80 <= pcm.length; at += 80) {
    if (rmsLevel(pcm.subarray(at, at + 80)) < threshold) {
      run += 10;
      if (run === minMs) runs++;
    } else {
      run = 0;
    }
  }
  return runs;
}

function assertSpeech(prompt: RenderedPrompt, minMs: number, maxMs: number): void {
  assert.ok(prompt.pcmu.length > 0 && prompt.pcmu.every((frame) => frame.length === 160));
  assert.equal(prompt.pcma.length, prompt.pcmu.length);
  assert.equal(prompt.durationMs, prompt.pcmu.length * 20);
  assert.ok(prompt.durationMs >= minMs && prompt.durationMs <= maxMs, `duration ${prompt.durationMs} ms`);
  const ulaw = rmsLevel(decodeMuLaw(joinFrames(prompt.pcmu)));
  const alaw = rmsLevel(decodeALaw(joinFrames(prompt.pcma)));
  assert.ok(ulaw > 800, `µ-law RMS ${ulaw.toFixed(0)}`);
  assert.ok(Math.abs(ulaw - alaw) / ulaw < 0.1, `A-law RMS ${alaw.toFixed(0)} matches µ-law ${ulaw.toFixed(0)}`);
}

const sentence = 'Hola, ha llamado al servicio técnico. Por favor, espere.';

test('a Spanish sentence renders to non-silent 8 kHz frames of plausible length', async (t) => {
  const prompt = await tts.render(sentence, 'es');
  t.diagnostic(`es render ${prompt.renderMs.toFixed(0)} ms for ${prompt.durationMs} ms of audio`);
  assert.equal(prompt.source, 'synthesized');
  assert.equal(requests.at(-1)?.voice, 'es');
  assertSpeech(prompt, 2500, 7000);
  assert.ok(prompt.pcm.length > (prompt.durationMs - 20) * 8 && prompt.pcm.length <= prompt.durationMs * 8, '8 samples per ms');
});

test('the second render comes from memory, fast and identical', async (t) => {
  const before = requests.length;
  const first = await tts.render(sentence, 'es');
  const second = await tts.render(sentence, 'es');
  t.diagnostic(`cached render ${second.renderMs.toFixed(3)} ms`);
  assert.equal(requests.length, before);
  assert.equal(second.source, 'memory');
  assert.ok(second.renderMs < 5, `${second.renderMs} ms`);
  assert.deepEqual(second.pcmu, first.pcmu);
});

test('concurrent requests for the same new text render once', async () => {
  const before = requests.length;
  const results = await Promise.all([1, 2, 3].map(() => tts.render('Su llamada es importante para nosotros.', 'es')));
  assert.equal(requests.length, before + 1);
  assert.deepEqual(results[1]!.pcm, results[0]!.pcm);
  assert.deepEqual(results[2]!.pcm, results[0]!.pcm);
});

test('the disk cache survives a new instance, and voice settings are part of the key', async (t) => {
  const fresh = createTextToSpeech({ synthesizer: counting, cacheDir });
  const before = requests.length;
  const fromDisk = await fresh.render(sentence, 'es');
  t.diagnostic(`disk cache read ${fromDisk.renderMs.toFixed(1)} ms`);
  assert.equal(fromDisk.source, 'disk');
  assert.equal(requests.length, before);
  assert.deepEqual(fromDisk.pcm, (await tts.render(sentence, 'es')).pcm);
  const slow = await fresh.render(sentence, 'es', { speedWpm: 110 });
  assert.equal(slow.source, 'synthesized');
  assert.equal(requests.length, before + 1);
  assert.ok(slow.durationMs > fromDisk.durationMs * 1.15, `${slow.durationMs} ms at 110 wpm vs ${fromDisk.durationMs} ms at 150`);
  const files = (await readdir(cacheDir)).filter((name) => name.endsWith('.wav'));
  assert.ok(files.length >= 3, files.join(', '));
  assert.ok((await readdir(cacheDir)).every((name) => !name.endsWith('.tmp')));
});

test('Catalan and English render with their own voices', async (t) => {
  const catalan = await tts.render('Bon dia, gràcies per trucar. Un moment, si us plau.', 'ca');
  const english = await tts.render('Good morning, thank you for calling. Please hold.', 'en');
  t.diagnostic(`ca render ${catalan.renderMs.toFixed(0)} ms, en render ${english.renderMs.toFixed(0)} ms`);
  assert.deepEqual(requests.slice(-2).map((request) => request.voice), ['ca', 'en-gb']);
  assertSpeech(catalan, 1500, 7000);
  assertSpeech(english, 1500, 7000);
});

test('renderDigits reads each digit with a pause between, rendering each distinct digit once', async (t) => {
  const before = requests.length;
  const prompt = await tts.renderDigits('3442 9955', 'es');
  t.diagnostic(`digits render ${prompt.renderMs.toFixed(0)} ms for ${prompt.durationMs} ms`);
  assert.deepEqual(requests.slice(before).map((request) => request.text).sort(), ['2', '3', '4', '5', '9']);
  assertSpeech(prompt, 8 * 250 + 8 * 200, 8 * 250 + 8 * 900);
  assert.ok(silentRuns(prompt.pcm, 200) >= 7, `${silentRuns(prompt.pcm, 200)} pauses of 200 ms`);
  const again = await tts.renderDigits('5599', 'es');
  assert.equal(again.source, 'memory');
  assert.equal(silentRuns(again.pcm, 200), 3);
  await assert.rejects(tts.renderDigits(' - ', 'es'), RangeError);
});

test('an unknown voice fails with eSpeak NG’s reason', async () => {
  await assert.rejects(tts.render('hola', 'es', { voice: 'xx-nonexistent' }), /voice does not exist/);
});
