import { DTMF_COLUMN_FREQUENCIES, DTMF_KEYPAD, DTMF_ROW_FREQUENCIES } from './goertzel.ts';

export interface ToneOptions {
  sampleRate?: number;
  /** Peak amplitude of each component. */
  amplitude?: number;
}

/** Sum of sinusoids, clipped to Int16. */
export function generateTone(frequencies: readonly number[], durationMs: number, options: ToneOptions = {}): Int16Array {
  const sampleRate = options.sampleRate ?? 8000;
  const amplitude = options.amplitude ?? 8000;
  const out = new Int16Array(Math.round((durationMs * sampleRate) / 1000));
  for (let n = 0; n < out.length; n++) {
    let value = 0;
    for (const frequency of frequencies) value += amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate);
    out[n] = Math.max(-32768, Math.min(32767, Math.round(value)));
  }
  return out;
}

export function dtmfFrequencies(digit: string): [number, number] | undefined {
  for (let row = 0; row < DTMF_KEYPAD.length; row++) {
    const column = DTMF_KEYPAD[row]?.indexOf(digit.toUpperCase()) ?? -1;
    const low = DTMF_ROW_FREQUENCIES[row];
    const high = DTMF_COLUMN_FREQUENCIES[column];
    if (column >= 0 && digit.length === 1 && low !== undefined && high !== undefined) return [low, high];
  }
  return undefined;
}

export function generateDtmfTone(digit: string, durationMs: number, options: ToneOptions = {}): Int16Array {
  const frequencies = dtmfFrequencies(digit);
  if (!frequencies) throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
  return generateTone(frequencies, durationMs, options);
}
