import { encodeALaw, encodeMuLaw } from './g711.ts';

export type G711Codec = 'PCMU' | 'PCMA';

/** Samples (and bytes) in one 20 ms G.711 frame at 8 kHz. */
export const G711_FRAME_SAMPLES = 160;
export const G711_FRAME_MS = 20;

/** A prompt encoded once in both laws, so any call can play it whichever codec it negotiated. */
export interface G711Prompt {
  pcmu: readonly Uint8Array[];
  pcma: readonly Uint8Array[];
  durationMs: number;
}

const SILENCE_BYTE: Record<G711Codec, number> = { PCMU: 0xff, PCMA: 0xd5 };
const SILENCE_FRAME: Record<G711Codec, Uint8Array> = {
  PCMU: new Uint8Array(G711_FRAME_SAMPLES).fill(SILENCE_BYTE.PCMU),
  PCMA: new Uint8Array(G711_FRAME_SAMPLES).fill(SILENCE_BYTE.PCMA),
};

/** Shared and read-only by convention: the RTP layer copies payloads into each packet it builds. */
export function silenceFrame(codec: G711Codec): Uint8Array {
  return SILENCE_FRAME[codec];
}

export function encodeG711(pcm: Int16Array, codec: G711Codec): Uint8Array {
  return codec === 'PCMU' ? encodeMuLaw(pcm) : encodeALaw(pcm);
}

/** Splits an encoded stream into 160-byte frames; a short last frame is padded with the codec's silence. */
export function splitFrames(encoded: Uint8Array, codec: G711Codec): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < encoded.length; offset += G711_FRAME_SAMPLES) {
    const frame = new Uint8Array(G711_FRAME_SAMPLES).fill(SILENCE_BYTE[codec]);
    frame.set(encoded.subarray(offset, offset + G711_FRAME_SAMPLES));
    frames.push(frame);
  }
  return frames;
}

/** Encodes 8 kHz mono PCM into 20 ms frames of both µ-law and A-law. */
export function pcmToG711Prompt(pcm: Int16Array): G711Prompt {
  const pcmu = splitFrames(encodeMuLaw(pcm), 'PCMU');
  return { pcmu, pcma: splitFrames(encodeALaw(pcm), 'PCMA'), durationMs: pcmu.length * G711_FRAME_MS };
}

export function silencePcm(durationMs: number, sampleRate = 8000): Int16Array {
  return new Int16Array(Math.round((durationMs * sampleRate) / 1000));
}

export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Root mean square of the samples, 0 for an empty array. */
export function rmsLevel(pcm: ArrayLike<number>): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += (pcm[i] ?? 0) ** 2;
  return Math.sqrt(sum / pcm.length);
}
