import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { concatPcm, pcmToG711Prompt, silencePcm, type G711Prompt } from '../media/g711-frames.ts';
import { resamplePcmInSlices } from '../media/resample.ts';
import { readWav, writeWav } from '../media/wav.ts';
import type { SpeechRequest, SpeechSynthesizer } from './espeak-synthesizer.ts';

export type PromptLanguage = 'es' | 'ca' | 'en';

export interface VoiceSettings {
  /** eSpeak NG voice; defaults per language: es → 'es' (Spain), ca → 'ca', en → 'en-gb'. */
  voice?: string;
  /** Slower than eSpeak's 175 wpm default, which is hard to follow through a narrowband phone line. */
  speedWpm?: number;
  pitch?: number;
  amplitude?: number;
}

export interface RenderedPrompt extends G711Prompt {
  /** 8 kHz mono, as played. */
  pcm: Int16Array;
  source: 'synthesized' | 'disk' | 'memory';
  /** Time this call took: synthesis and conversion, a disk read, or a cache lookup. */
  renderMs: number;
}

export interface TextToSpeechOptions {
  synthesizer: SpeechSynthesizer;
  /** e.g. `<DATA_DIR>/prompts`; without it only the in-process cache is used. */
  cacheDir?: string;
  /** Prompts kept in memory, least recently used dropped first; a 3 s prompt costs about 100 kB. */
  memoryEntries?: number;
  /** Disk-cache failures do not fail a call (the audio is still rendered); they are reported here. */
  onCacheError?: (error: unknown) => void;
}

export interface TextToSpeech {
  render(text: string, language: PromptLanguage, settings?: VoiceSettings): Promise<RenderedPrompt>;
  /** Reads a reference one character at a time ("3 4 4 2" → "tres … cuatro …") with `gapMs` of silence between. */
  renderDigits(reference: string, language: PromptLanguage, options?: VoiceSettings & { gapMs?: number }): Promise<RenderedPrompt>;
  close(): Promise<void>;
}

const DEFAULT_VOICES: Record<PromptLanguage, string> = { es: 'es', ca: 'ca', en: 'en-gb' };
const SAMPLE_RATE = 8000;
/** Bumped whenever the conversion changes, so old files on disk are not served. */
const CACHE_FORMAT = 1;
/** Below this a sample counts as silence when trimming single digits (eSpeak pads each render with ~0.2 s). */
const TRIM_THRESHOLD = 200;
const TRIM_MARGIN = 160;

function requestFor(text: string, language: PromptLanguage, settings: VoiceSettings): SpeechRequest {
  return {
    text,
    voice: settings.voice ?? DEFAULT_VOICES[language],
    speedWpm: settings.speedWpm ?? 150,
    pitch: settings.pitch ?? 50,
    amplitude: settings.amplitude ?? 100,
  };
}

function cacheKey(request: SpeechRequest): string {
  const { text, voice, speedWpm, pitch, amplitude } = request;
  return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, voice, speedWpm, pitch, amplitude, text])).digest('hex');
}

function trimSilence(pcm: Int16Array): Int16Array {
  let start = 0;
  let end = pcm.length;
  while (start < end && Math.abs(pcm[start] ?? 0) < TRIM_THRESHOLD) start++;
  while (end > start && Math.abs(pcm[end - 1] ?? 0) < TRIM_THRESHOLD) end--;
  return pcm.subarray(Math.max(0, start - TRIM_MARGIN), Math.min(pcm.length, end + TRIM_MARGIN));
}

function toPrompt(pcm: Int16Array, source: RenderedPrompt['source'], startedMs: number): RenderedPrompt {
  return { ...pcmToG711Prompt(pcm), pcm, source, renderMs: performance.now() - startedMs };
}

export function createTextToSpeech(options: TextToSpeechOptions): TextToSpeech {
  const { synthesizer, cacheDir } = options;
  const memoryEntries = options.memoryEntries ?? 200;
  const memory = new Map<string, RenderedPrompt>();
  const inFlight = new Map<string, Promise<RenderedPrompt>>();
  const reportCacheError = options.onCacheError ?? (() => undefined);

  function remember(key: string, prompt: RenderedPrompt): void {
    memory.delete(key);
    memory.set(key, prompt);
    if (memory.size > memoryEntries) {
      const oldest = memory.keys().next().value;
      if (oldest !== undefined) memory.delete(oldest);
    }
  }

  async function readDisk(key: string): Promise<Int16Array | undefined> {
    if (!cacheDir) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(cacheDir, `${key}.wav`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') reportCacheError(error);
      return undefined;
    }
    const wav = readWav(bytes);
    if (wav.ok && wav.audio.sampleRate === SAMPLE_RATE && wav.audio.channels === 1) return wav.audio.samples;
    reportCacheError(new Error(`unreadable cached prompt ${key}.wav`));
    return undefined;
  }

  async function writeDisk(key: string, pcm: Int16Array): Promise<void> {
    if (!cacheDir) return;
    try {
      await mkdir(cacheDir, { recursive: true });
      // Written under a temporary name first, so a crash mid-write never leaves a truncated prompt behind.
      const temporary = join(cacheDir, `${key}.${process.pid}.${Date.now()}.tmp`);
      await writeFile(temporary, writeWav(pcm, SAMPLE_RATE));
      await rename(temporary, join(cacheDir, `${key}.wav`));
    } catch (error) {
      reportCacheError(error);
    }
  }

  async function produce(key: string, request: SpeechRequest): Promise<RenderedPrompt> {
    const startedMs = performance.now();
    const cached = await readDisk(key);
    if (cached) return toPrompt(cached, 'disk', startedMs);
    const wav = readWav(await synthesizer.synthesize(request));
    if (!wav.ok) throw new Error(`eSpeak NG produced an unreadable WAV: ${wav.reason} (${wav.detail})`);
    const pcm = await resamplePcmInSlices(wav.audio.samples, wav.audio.sampleRate, SAMPLE_RATE);
    await writeDisk(key, pcm);
    return toPrompt(pcm, 'synthesized', startedMs);
  }

  async function render(text: string, language: PromptLanguage, settings: VoiceSettings = {}): Promise<RenderedPrompt> {
    const startedMs = performance.now();
    if (text.trim() === '') throw new RangeError('nothing to say: empty text');
    const request = requestFor(text, language, settings);
    const key = cacheKey(request);
    const known = memory.get(key);
    if (known) {
      remember(key, known);
      return { ...known, source: 'memory', renderMs: performance.now() - startedMs };
    }
    let running = inFlight.get(key);
    if (!running) {
      running = produce(key, request).finally(() => inFlight.delete(key));
      inFlight.set(key, running);
      const prompt = await running;
      remember(key, prompt);
      return prompt;
    }
    const shared = await running;
    return { ...shared, source: 'memory', renderMs: performance.now() - startedMs };
  }

  return {
    render,
    async renderDigits(reference, language, digitOptions = {}) {
      const startedMs = performance.now();
      const { gapMs = 250, ...settings } = digitOptions;
      const characters = [...reference].filter((character) => /[\p{L}\p{N}]/u.test(character));
      if (characters.length === 0) throw new RangeError(`no digits to read in ${JSON.stringify(reference)}`);
      // One cached render per distinct character: any reference is then assembled from at most 36 renders.
      const parts = await Promise.all(characters.map((character) => render(character.toLowerCase(), language, settings)));
      const gap = silencePcm(gapMs, SAMPLE_RATE);
      const pcm = concatPcm(parts.flatMap((part, i) => (i === 0 ? [trimSilence(part.pcm)] : [gap, trimSilence(part.pcm)])));
      const source = parts.some((part) => part.source === 'synthesized') ? 'synthesized' : parts.some((part) => part.source === 'disk') ? 'disk' : 'memory';
      return toPrompt(pcm, source, startedMs);
    },
    close: () => synthesizer.close(),
  };
}
