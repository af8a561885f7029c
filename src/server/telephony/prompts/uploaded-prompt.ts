import { pcmToG711Prompt, type G711Prompt } from '../media/g711-frames.ts';
import { resamplePcmInSlices } from '../media/resample.ts';
import { readWav, type WavFailure } from '../media/wav.ts';

export interface UploadLimits {
  maxBytes: number;
  maxDurationMs: number;
  minSampleRate: number;
  maxSampleRate: number;
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDurationMs: 120_000,
  minSampleRate: 8000,
  maxSampleRate: 48000,
});

export type UploadedPromptFailure =
  | 'too-large'
  | 'not-wav'
  | 'malformed-wav'
  | 'not-pcm'
  | 'unsupported-bits'
  | 'unsupported-channels'
  | 'unsupported-sample-rate'
  | 'too-long'
  | 'empty';

export interface UploadedPromptAudio extends G711Prompt {
  /** 8 kHz mono, as played. */
  pcm: Int16Array;
  original: { sampleRate: number; channels: number; durationMs: number };
}

export type UploadedPromptResult =
  | { ok: true; prompt: UploadedPromptAudio }
  | { ok: false; reason: UploadedPromptFailure; detail: string };

const WAV_FAILURES: Record<WavFailure, UploadedPromptFailure> = {
  'too-short': 'not-wav',
  'not-riff': 'not-wav',
  'not-wave': 'not-wav',
  'missing-fmt': 'malformed-wav',
  'invalid-fmt': 'malformed-wav',
  'missing-data': 'malformed-wav',
  'unsupported-encoding': 'not-pcm',
  'unsupported-bits': 'unsupported-bits',
  'unsupported-channels': 'unsupported-channels',
  'invalid-sample-rate': 'unsupported-sample-rate',
};

const HINTS: Partial<Record<UploadedPromptFailure, string>> = {
  'not-pcm': 'save it as uncompressed PCM WAV',
  'unsupported-bits': 'save it as 16-bit PCM',
  'unsupported-channels': 'save it as mono or stereo',
};

function failure(reason: UploadedPromptFailure, detail: string): UploadedPromptResult {
  const hint = HINTS[reason];
  return { ok: false, reason, detail: hint ? `${detail}; ${hint}` : detail };
}

/**
 * Checks an uploaded WAV against the limits (each violation has its own reason code for the API to report) and
 * converts it to 8 kHz G.711 frames. The size is checked before anything is parsed.
 */
export async function convertUploadedPrompt(
  data: Uint8Array,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<UploadedPromptResult> {
  if (data.length > limits.maxBytes) {
    return failure('too-large', `${data.length} bytes; the limit is ${limits.maxBytes} bytes (${(limits.maxBytes / 1048576).toFixed(0)} MB)`);
  }
  const wav = readWav(data);
  if (!wav.ok) return failure(WAV_FAILURES[wav.reason], wav.detail);
  const { sampleRate, channels, samples } = wav.audio;
  if (sampleRate < limits.minSampleRate || sampleRate > limits.maxSampleRate) {
    return failure('unsupported-sample-rate', `${sampleRate} Hz; accepted rates are ${limits.minSampleRate}-${limits.maxSampleRate} Hz`);
  }
  if (samples.length === 0) return failure('empty', 'the data chunk holds no samples');
  const durationMs = (samples.length * 1000) / sampleRate;
  if (durationMs > limits.maxDurationMs) {
    return failure('too-long', `${(durationMs / 1000).toFixed(1)} s; the limit is ${limits.maxDurationMs / 1000} s`);
  }
  const pcm = await resamplePcmInSlices(samples, sampleRate, 8000);
  return { ok: true, prompt: { ...pcmToG711Prompt(pcm), pcm, original: { sampleRate, channels, durationMs } } };
}
