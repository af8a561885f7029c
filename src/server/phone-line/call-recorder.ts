import type { Logger } from '../platform/logger.ts';
import { encodeMuLaw } from '../telephony/media/g711.ts';

export interface CallRecordingToStore {
  tenantId: string;
  queueCallId: string;
  /** The caller's call record, when one of the legs has it. */
  callId: string | undefined;
  /** Both directions mixed, µ-law at 8 kHz. */
  audio: Buffer;
  durationMs: number;
}

export type StoreCallRecording = (recording: CallRecordingToStore) => Promise<void>;

export interface CallRecorderOptions {
  legs: [string, string];
  tenantId: string;
  queueCallId: string;
  callId: string | undefined;
  store: StoreCallRecording;
  log: Logger;
  /** A longer call keeps only its first hour. */
  maxSeconds?: number;
}

/**
 * Records a bridged call: each leg's received audio is kept in order, and at the end the two streams,
 * which both started at the bridge, are summed sample by sample (clipped) into one µ-law track.
 */
export function createCallRecorder(options: CallRecorderOptions) {
  const maxSamples = (options.maxSeconds ?? 3600) * 8000;
  const streams = new Map<string, { chunks: Int16Array[]; samples: number }>(options.legs.map((leg) => [leg, { chunks: [], samples: 0 }]));
  let finished = false;

  function mix(): Int16Array {
    const length = Math.max(...[...streams.values()].map((s) => s.samples));
    const sum = new Int32Array(length);
    for (const stream of streams.values()) {
      let offset = 0;
      for (const chunk of stream.chunks) {
        for (let i = 0; i < chunk.length; i++) sum[offset + i]! += chunk[i]!;
        offset += chunk.length;
      }
    }
    return Int16Array.from(sum, (v) => Math.max(-32768, Math.min(32767, v)));
  }

  return {
    write(leg: string, pcm: Int16Array): void {
      const stream = streams.get(leg);
      if (finished || !stream || stream.samples >= maxSamples) return;
      stream.chunks.push(pcm.slice(0, maxSamples - stream.samples));
      stream.samples += Math.min(pcm.length, maxSamples - stream.samples);
    },
    async finish(): Promise<void> {
      if (finished) return;
      finished = true;
      const pcm = mix();
      if (pcm.length === 0) return;
      try {
        await options.store({
          tenantId: options.tenantId, queueCallId: options.queueCallId, callId: options.callId,
          audio: Buffer.from(encodeMuLaw(pcm)), durationMs: Math.round(pcm.length / 8),
        });
      } catch (error) {
        options.log.error('call recording not stored', { error, queueCallId: options.queueCallId });
      }
    },
  };
}

export type CallRecorder = ReturnType<typeof createCallRecorder>;
