import { pcmToG711Prompt, type G711Prompt } from '../media/g711-frames.ts';

export interface HoldMusicOptions {
  /** Peak level as a fraction of full scale; the default (about -9 dBFS) sits below typical speech prompts. */
  peak?: number;
}

export interface HoldMusic extends G711Prompt {
  /** 8 kHz mono; the end joins the start seamlessly, so it can be played with `loop: true`. */
  pcm: Int16Array;
}

const SAMPLE_RATE = 8000;
const CHORD_SECONDS = 2.5;

/**
 * Cmaj7 – Am7 – Fmaj7 – G6 – Em7 – Am7 – Dm7 – G7sus4, as MIDI notes: a slow, resolving pop progression. Pads sit
 * between 260 and 525 Hz and the bass an octave higher than a bass would be (147-262 Hz, with strong harmonics),
 * because a phone line cuts most energy below 300 Hz.
 */
const CHORDS: ReadonlyArray<{ bass: number; pad: readonly number[] }> = [
  { bass: 60, pad: [64, 67, 71, 72] },
  { bass: 57, pad: [64, 67, 69, 72] },
  { bass: 53, pad: [64, 65, 69, 72] },
  { bass: 55, pad: [62, 64, 67, 71] },
  { bass: 52, pad: [62, 64, 67, 71] },
  { bass: 57, pad: [60, 64, 67, 69] },
  { bass: 50, pad: [60, 62, 65, 69] },
  { bass: 55, pad: [60, 62, 65, 67] },
];
/** Chord tones (indexes into the pad, an octave up) picked for a gentle arpeggio, four per chord. */
const ARPEGGIO = [0, 2, 1, 3];

const frequencyOf = (note: number): number => 440 * 2 ** ((note - 69) / 12);

/**
 * Adds a note into `buffer` starting at `startSeconds`, wrapping past the end so a release that spills over the
 * loop point lands at the start: this is what makes the loop seamless.
 */
function addNote(
  buffer: Float64Array,
  frequency: number,
  startSeconds: number,
  lengthSeconds: number,
  gain: number,
  envelope: (t: number, length: number) => number,
  harmonics: readonly number[],
): void {
  const start = Math.round(startSeconds * SAMPLE_RATE);
  const length = Math.round(lengthSeconds * SAMPLE_RATE);
  for (let n = 0; n < length; n++) {
    const t = n / SAMPLE_RATE;
    let value = 0;
    harmonics.forEach((weight, i) => {
      const partial = frequency * (i + 1);
      if (partial < 3400) value += weight * Math.sin(2 * Math.PI * partial * t);
    });
    const index = (start + n) % buffer.length;
    buffer[index] = (buffer[index] ?? 0) + gain * envelope(t, lengthSeconds) * value;
  }
}

/** Raised-cosine fade in and out: no clicks at note edges. */
function padEnvelope(t: number, length: number): number {
  const attack = 0.6;
  const release = 0.9;
  if (t < attack) return 0.5 - 0.5 * Math.cos((Math.PI * t) / attack);
  if (t > length - release) return 0.5 + 0.5 * Math.cos((Math.PI * (t - (length - release))) / release);
  return 1;
}

/** A soft pluck: 15 ms rise, exponential decay. */
function pluckEnvelope(t: number, length: number): number {
  const rise = Math.min(1, t / 0.015);
  const tail = t > length - 0.05 ? (length - t) / 0.05 : 1;
  return rise * Math.exp(-t * 3.2) * tail;
}

/** About 20 s of generated hold music (no audio files to license or ship), encoded in both G.711 laws. */
export function generateHoldMusic(options: HoldMusicOptions = {}): HoldMusic {
  const peak = options.peak ?? 0.35;
  if (!(peak > 0 && peak <= 1)) throw new RangeError(`invalid peak level ${peak}`);
  const buffer = new Float64Array(Math.round(CHORDS.length * CHORD_SECONDS * SAMPLE_RATE));
  CHORDS.forEach((chord, index) => {
    const start = index * CHORD_SECONDS;
    // Each chord rings on into the next one's attack, so the changes cross-fade rather than cut.
    const padLength = CHORD_SECONDS + 0.6;
    for (const note of chord.pad) addNote(buffer, frequencyOf(note), start, padLength, 0.22, padEnvelope, [1, 0.18, 0.05]);
    addNote(buffer, frequencyOf(chord.bass), start, padLength, 0.28, padEnvelope, [0.5, 0.6, 0.3, 0.12]);
    ARPEGGIO.forEach((tone, step) => {
      const note = (chord.pad[tone] ?? chord.pad[0] ?? 60) + 12;
      addNote(buffer, frequencyOf(note), start + step * (CHORD_SECONDS / 4), 1.2, 0.16, pluckEnvelope, [1, 0.25]);
    });
  });
  let max = 0;
  for (const value of buffer) max = Math.max(max, Math.abs(value));
  const scale = max === 0 ? 0 : (peak * 32767) / max;
  const pcm = Int16Array.from(buffer, (value) => Math.round(value * scale));
  return { ...pcmToG711Prompt(pcm), pcm };
}
