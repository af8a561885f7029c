import { concatPcm } from '../media/g711-frames.ts';

export interface RecordingOptions {
  /** Voicemail's upper bound; the recording ends by itself when it is reached. Default 120 s. */
  maxDurationMs?: number;
}

export type RecordingEnd = 'stopped' | 'max-duration' | 'closed';

export interface Recording {
  /** 8 kHz mono. */
  samples: Int16Array;
  durationMs: number;
  reason: RecordingEnd;
}

export interface RecordingHandle {
  stop(): void;
  readonly done: Promise<Recording>;
}

export interface Recorder {
  readonly handle: RecordingHandle;
  readonly active: boolean;
  /** Appends received audio; `lostSamples` of silence first stand in for packets that never arrived. */
  write(samples: Int16Array, lostSamples: number): void;
  end(reason: RecordingEnd): void;
}

const SAMPLE_RATE = 8000;

/** Collects PCM in chunks (joined once at the end) so a two-minute message does not re-copy on every packet. */
export function createRecorder(options: RecordingOptions, onEnd: (recorder: Recorder) => void): Recorder {
  const maxSamples = Math.round(((options.maxDurationMs ?? 120_000) * SAMPLE_RATE) / 1000);
  if (!(maxSamples > 0)) throw new RangeError(`invalid recording duration ${options.maxDurationMs}`);
  const chunks: Int16Array[] = [];
  let length = 0;
  let active = true;
  let resolve: (recording: Recording) => void = () => undefined;
  const done = new Promise<Recording>((settle) => {
    resolve = settle;
  });

  function append(samples: Int16Array): void {
    const room = maxSamples - length;
    const taken = samples.length > room ? samples.subarray(0, room) : samples;
    chunks.push(taken.slice());
    length += taken.length;
  }

  const recorder: Recorder = {
    handle: { done, stop: () => recorder.end('stopped') },
    get active() {
      return active;
    },
    write(samples, lostSamples) {
      if (!active) return;
      if (lostSamples > 0) append(new Int16Array(Math.min(lostSamples, maxSamples - length)));
      append(samples);
      if (length >= maxSamples) recorder.end('max-duration');
    },
    end(reason) {
      if (!active) return;
      active = false;
      const samples = concatPcm(chunks);
      chunks.length = 0;
      onEnd(recorder);
      resolve({ samples, durationMs: (samples.length * 1000) / SAMPLE_RATE, reason });
    },
  };
  return recorder;
}
