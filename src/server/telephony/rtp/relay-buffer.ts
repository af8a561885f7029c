import { encodeALaw, encodeMuLaw } from '../media/g711.ts';
import { G711_FRAME_SAMPLES, type G711Codec } from '../media/g711-frames.ts';

export interface RelayBufferOptions {
  /** Frames held back after an underrun before output resumes: absorbs the phase between arrival and our tick. */
  primeFrames?: number;
  /** More than this queued (the far end sends faster than we tick) and the oldest frames go. */
  maxFrames?: number;
}

export interface RelayBufferStats {
  framesIn: number;
  framesOut: number;
  underruns: number;
  dropped: number;
}

/**
 * Audio from one leg waiting to be sent on another, as 20 ms frames of 8 kHz PCM. The sending leg pulls one
 * frame per scheduler tick and encodes it in its own law, so µ-law and A-law legs meet without either side
 * knowing; packets of other sizes (ptime 10 or 30) are re-cut to 20 ms. Arrival and tick are not in phase,
 * so output starts (and restarts after an underrun) only once `primeFrames` are queued: a fixed 40 ms of
 * delay in exchange for no doubled or dropped frames at every small wobble.
 */
export function createRelayBuffer(options: RelayBufferOptions = {}) {
  const primeFrames = options.primeFrames ?? 2;
  const maxFrames = options.maxFrames ?? 8;
  const frames: Int16Array[] = [];
  let partial = new Int16Array(G711_FRAME_SAMPLES);
  let partialLength = 0;
  let priming = true;
  const stats: RelayBufferStats = { framesIn: 0, framesOut: 0, underruns: 0, dropped: 0 };

  return {
    push(pcm: Int16Array): void {
      let offset = 0;
      while (offset < pcm.length) {
        const take = Math.min(G711_FRAME_SAMPLES - partialLength, pcm.length - offset);
        partial.set(pcm.subarray(offset, offset + take), partialLength);
        partialLength += take;
        offset += take;
        if (partialLength === G711_FRAME_SAMPLES) {
          frames.push(partial);
          stats.framesIn++;
          partial = new Int16Array(G711_FRAME_SAMPLES);
          partialLength = 0;
          if (frames.length > maxFrames) {
            frames.shift();
            stats.dropped++;
          }
        }
      }
    },
    /** The next frame in `codec`, or undefined while priming or empty (the caller sends silence). */
    pull(codec: G711Codec): Uint8Array | undefined {
      if (priming && frames.length < primeFrames) return undefined;
      priming = false;
      const frame = frames.shift();
      if (!frame) {
        priming = true;
        stats.underruns++;
        return undefined;
      }
      stats.framesOut++;
      return codec === 'PCMU' ? encodeMuLaw(frame) : encodeALaw(frame);
    },
    clear(): void {
      frames.length = 0;
      partialLength = 0;
      priming = true;
    },
    get queued() {
      return frames.length;
    },
    stats: () => ({ ...stats }),
  };
}

export type RelayBuffer = ReturnType<typeof createRelayBuffer>;
