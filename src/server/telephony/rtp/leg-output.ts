import { silenceFrame, type G711Codec, type G711Prompt } from '../media/g711-frames.ts';
import type { FrameSource } from './rtp-playout.ts';
import type { RelayBuffer } from './relay-buffer.ts';

export type LegOutputMode =
  | { kind: 'silence' }
  /** Shared hold music; each leg keeps only its own place in it. */
  | { kind: 'music' }
  | { kind: 'relay'; buffer: RelayBuffer };

interface Speech {
  prompt: G711Prompt;
  index: number;
  done: (outcome: 'finished' | 'stopped') => void;
}

/**
 * Everything a leg owned by the operators' queues sends, as one endless frame source played on its RTP
 * session: sentences first (announcements, notices), otherwise music, the bridged peer's audio or silence.
 * Music frames are encoded once for every leg, so two hundred waiting callers cost a counter each.
 */
export function createLegOutput(music: G711Prompt) {
  let mode: LegOutputMode = { kind: 'silence' };
  let musicIndex = 0;
  const speech: Speech[] = [];

  const source: FrameSource = {
    nextFrame(codec: G711Codec) {
      for (;;) {
        const head = speech[0];
        if (!head) break;
        const frames = codec === 'PCMU' ? head.prompt.pcmu : head.prompt.pcma;
        const frame = frames[head.index++];
        if (frame) return frame;
        speech.shift();
        head.done('finished');
      }
      if (mode.kind === 'relay') {
        // The peer's audio keeps queuing while a sentence plays; the buffer's own cap drops what is stale.
        return mode.buffer.pull(codec) ?? silenceFrame(codec);
      }
      if (mode.kind === 'music') {
        const frames = codec === 'PCMU' ? music.pcmu : music.pcma;
        if (frames.length === 0) return silenceFrame(codec);
        const frame = frames[musicIndex % frames.length]!;
        musicIndex = (musicIndex + 1) % frames.length;
        return frame;
      }
      return silenceFrame(codec);
    },
  };

  return {
    source,
    setMode(next: LegOutputMode): void {
      mode = next;
    },
    get mode() {
      return mode;
    },
    /** Queues a sentence ahead of the mode's audio; resolves when it has been sent (or dropped). */
    say(prompt: G711Prompt): Promise<'finished' | 'stopped'> {
      return new Promise((resolve) => speech.push({ prompt, index: 0, done: resolve }));
    },
    get speaking() {
      return speech.length > 0;
    },
    /** Drops queued sentences that have not started yet (an announcement superseded by a newer one). */
    dropPendingSpeech(): void {
      for (const item of speech.splice(speech[0] && speech[0].index > 0 ? 1 : 0)) item.done('stopped');
    },
    /** Silences sentences now, the one playing included (a bridge must not talk over the operator). */
    stopSpeech(): void {
      for (const item of speech.splice(0)) item.done('stopped');
    },
    stop(): void {
      for (const item of speech.splice(0)) item.done('stopped');
      mode = { kind: 'silence' };
    },
  };
}

export type LegOutput = ReturnType<typeof createLegOutput>;
