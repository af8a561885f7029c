import { G711_FRAME_SAMPLES, type G711Codec, type G711Prompt } from '../media/g711-frames.ts';

/** Pulls frames one tick at a time; returning undefined ends the playback. Suits endless or generated audio. */
export interface FrameSource {
  nextFrame(codec: G711Codec): Uint8Array | undefined;
}

/** Frames already in the call's codec, a prompt encoded in both laws, or a source. */
export type PlayMedia = readonly Uint8Array[] | G711Prompt | FrameSource;

export interface PlayOptions {
  /** Repeat until stopped (hold music). */
  loop?: boolean;
}

export type PlayOutcome = 'finished' | 'stopped';

export interface PlayHandle {
  /** Barge-in: stops now if playing, or drops it from the queue; the promise resolves 'stopped'. */
  stop(): void;
  readonly done: Promise<PlayOutcome>;
}

export interface PlayoutFrame {
  payload: Uint8Array;
  /** First frame of a playback: the start of a talk spurt. */
  startsSpurt: boolean;
}

export interface Playout {
  play(media: PlayMedia, options?: PlayOptions): PlayHandle;
  /** The frame for this tick, or undefined when nothing is queued. */
  nextFrame(): PlayoutFrame | undefined;
  stopAll(): void;
  readonly playing: boolean;
}

interface QueueEntry {
  source: FrameSource;
  started: boolean;
  settle: (outcome: PlayOutcome) => void;
}

function isFrameSource(media: PlayMedia): media is FrameSource {
  return typeof (media as FrameSource).nextFrame === 'function';
}

function isPrompt(media: PlayMedia): media is G711Prompt {
  return !Array.isArray(media) && 'pcmu' in media && 'pcma' in media;
}

function framesSource(pick: (codec: G711Codec) => readonly Uint8Array[], loop: boolean): FrameSource {
  let index = 0;
  return {
    nextFrame(codec) {
      const frames = pick(codec);
      if (index >= frames.length) {
        if (!loop || frames.length === 0) return undefined;
        index = 0;
      }
      return frames[index++];
    },
  };
}

function toSource(media: PlayMedia, loop: boolean): FrameSource {
  if (isFrameSource(media)) return media;
  if (isPrompt(media)) return framesSource((codec) => (codec === 'PCMU' ? media.pcmu : media.pcma), loop);
  const frames = media as readonly Uint8Array[];
  for (const frame of frames) {
    if (frame.length !== G711_FRAME_SAMPLES) throw new RangeError(`G.711 frames must be ${G711_FRAME_SAMPLES} bytes, got ${frame.length}`);
  }
  return framesSource(() => frames, loop);
}

/** A FIFO of playbacks: `play` while something plays queues behind it, as an IVR saying two sentences expects. */
export function createPlayout(codec: G711Codec): Playout {
  const queue: QueueEntry[] = [];

  function finishHead(outcome: PlayOutcome): void {
    queue.shift()?.settle(outcome);
  }

  return {
    play(media, options = {}) {
      const source = toSource(media, options.loop ?? false);
      let settle: (outcome: PlayOutcome) => void = () => undefined;
      const done = new Promise<PlayOutcome>((resolve) => {
        settle = resolve;
      });
      const entry: QueueEntry = { source, started: false, settle };
      queue.push(entry);
      return {
        done,
        stop() {
          const index = queue.indexOf(entry);
          if (index < 0) return;
          queue.splice(index, 1);
          entry.settle('stopped');
        },
      };
    },
    nextFrame() {
      for (;;) {
        const head = queue[0];
        if (!head) return undefined;
        const payload = head.source.nextFrame(codec);
        if (payload === undefined) {
          finishHead('finished');
          continue;
        }
        const startsSpurt = !head.started;
        head.started = true;
        return { payload, startsSpurt };
      }
    },
    stopAll() {
      for (const entry of queue.splice(0)) entry.settle('stopped');
    },
    get playing() {
      return queue.length > 0;
    },
  };
}
