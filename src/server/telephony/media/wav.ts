export interface WavAudio {
  sampleRate: number;
  /** Channels in the file; `samples` is always mono (stereo is averaged). */
  channels: number;
  samples: Int16Array;
}

export type WavFailure =
  | 'too-short'
  | 'not-riff'
  | 'not-wave'
  | 'missing-fmt'
  | 'invalid-fmt'
  | 'unsupported-encoding'
  | 'unsupported-bits'
  | 'unsupported-channels'
  | 'invalid-sample-rate'
  | 'missing-data';

export type WavResult = { ok: true; audio: WavAudio } | { ok: false; reason: WavFailure; detail: string };

const FORMAT_PCM = 1;
const FORMAT_EXTENSIBLE = 0xfffe;

function fail(reason: WavFailure, detail: string): WavResult {
  return { ok: false, reason, detail };
}

function fourCc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

/** Reads 16-bit PCM WAV; never throws. A data size larger than the file is clamped, because streaming writers
 * (eSpeak NG writing to a pipe) cannot go back to fill it in. */
export function readWav(data: Uint8Array): WavResult {
  if (data.length < 12) return fail('too-short', `${data.length} bytes`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (fourCc(view, 0) !== 'RIFF') return fail('not-riff', 'no RIFF signature');
  if (fourCc(view, 8) !== 'WAVE') return fail('not-wave', 'RIFF form is not WAVE');
  let format: { encoding: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= data.length) {
    const id = fourCc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > data.length) return fail('invalid-fmt', `fmt chunk of ${size} bytes`);
      let encoding = view.getUint16(body, true);
      if (encoding === FORMAT_EXTENSIBLE) {
        if (size < 40 || body + 40 > data.length) return fail('invalid-fmt', 'short WAVE_FORMAT_EXTENSIBLE');
        encoding = view.getUint16(body + 24, true);
      }
      format = {
        encoding,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) return fail('missing-fmt', 'data chunk before fmt chunk');
      if (format.encoding !== FORMAT_PCM) return fail('unsupported-encoding', `format tag ${format.encoding}`);
      if (format.bits !== 16) return fail('unsupported-bits', `${format.bits} bits per sample`);
      if (format.channels !== 1 && format.channels !== 2) return fail('unsupported-channels', `${format.channels} channels`);
      if (format.sampleRate < 1000 || format.sampleRate > 384000) return fail('invalid-sample-rate', `${format.sampleRate} Hz`);
      const frameBytes = 2 * format.channels;
      const available = Math.min(size, data.length - body);
      const frames = Math.floor(available / frameBytes);
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        const at = body + i * frameBytes;
        samples[i] =
          format.channels === 1 ? view.getInt16(at, true) : Math.round((view.getInt16(at, true) + view.getInt16(at + 2, true)) / 2);
      }
      return { ok: true, audio: { sampleRate: format.sampleRate, channels: format.channels, samples } };
    }
    // Chunks are word-aligned: an odd size is followed by a pad byte.
    offset = body + size + (size % 2);
  }
  return format ? fail('missing-data', 'no data chunk') : fail('missing-fmt', 'no fmt chunk');
}

/** Writes 16-bit PCM (interleaved when stereo) as a canonical 44-byte-header WAV. */
export function writeWav(samples: Int16Array, sampleRate: number, channels: 1 | 2 = 1): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`invalid sample rate ${sampleRate}`);
  if (samples.length % channels !== 0) throw new RangeError('stereo samples must come in interleaved pairs');
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const writeFourCc = (offset: number, text: string): void => {
    for (let i = 0; i < 4; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  writeFourCc(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeFourCc(8, 'WAVE');
  writeFourCc(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  writeFourCc(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i] ?? 0, true);
  return out;
}
