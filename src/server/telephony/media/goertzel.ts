export const DTMF_ROW_FREQUENCIES = [697, 770, 852, 941] as const;
export const DTMF_COLUMN_FREQUENCIES = [1209, 1336, 1477, 1633] as const;
export const DTMF_KEYPAD = ['123A', '456B', '789C', '*0#D'] as const;

export interface InBandDtmfOptions {
  sampleRate?: number;
  /** Samples per analysis block; 205 at 8 kHz resolves the 73 Hz gap between the two lowest rows. */
  blockSize?: number;
  /** Samples between analyses of overlapping blocks; half a block keeps 40 ms gaps between equal digits visible. */
  hopSize?: number;
  /** Peak amplitude each tone must reach (full scale 32767); 500 is about -33 dBm0. */
  minToneAmplitude?: number;
  /** How much weaker the column tone may be than the row tone. */
  normalTwistDb?: number;
  /** How much stronger the column tone may be than the row tone. */
  reverseTwistDb?: number;
  /** The strongest tone of each group must beat the others in it by this much. */
  relativePeakDb?: number;
  /** Share of the block's energy the two tones must carry; rejects speech and noise. */
  minToneEnergyShare?: number;
  /** Consecutive analyses with the same digit before it is reported. */
  minBlocks?: number;
  /** Consecutive analyses without it before the same digit may be reported again. */
  releaseBlocks?: number;
}

export interface InBandDtmfDetector {
  /** Feeds PCM of any length; returns the digits that completed their minimum duration in it. */
  push(samples: Int16Array): string[];
}

/** Energy of `frequency` in the block, scaled so a sinusoid's value approaches its share of Σx². */
export function goertzelPower(
  samples: ArrayLike<number>,
  start: number,
  length: number,
  frequency: number,
  sampleRate: number,
): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = start; i < start + length; i++) {
    const current = (samples[i] ?? 0) + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * power) / length;
}

function strongest(powers: number[]): { index: number; power: number; runnerUp: number } {
  let index = 0;
  for (let i = 1; i < powers.length; i++) if ((powers[i] ?? 0) > (powers[index] ?? 0)) index = i;
  const runnerUp = Math.max(0, ...powers.filter((_, i) => i !== index));
  return { index, power: powers[index] ?? 0, runnerUp };
}

const fromDb = (db: number): number => 10 ** (db / 10);

/** Classifies one block as a DTMF digit, or undefined when the tone tests fail. */
export function detectDtmfBlock(block: ArrayLike<number>, options: InBandDtmfOptions = {}): string | undefined {
  const sampleRate = options.sampleRate ?? 8000;
  const length = block.length;
  if (length === 0) return undefined;
  const minAmplitude = options.minToneAmplitude ?? 500;
  let energy = 0;
  for (let i = 0; i < length; i++) energy += (block[i] ?? 0) ** 2;
  const minPower = ((minAmplitude * minAmplitude) / 2) * length;
  // A real signal's power at one frequency cannot exceed twice the block's energy (Cauchy-Schwarz), so quiet
  // blocks, most of a call, skip the eight filters.
  if (2 * energy < minPower) return undefined;
  const rows = strongest(DTMF_ROW_FREQUENCIES.map((f) => goertzelPower(block, 0, length, f, sampleRate)));
  const columns = strongest(DTMF_COLUMN_FREQUENCIES.map((f) => goertzelPower(block, 0, length, f, sampleRate)));
  if (rows.power < minPower || columns.power < minPower) return undefined;
  if (rows.power > columns.power * fromDb(options.normalTwistDb ?? 8)) return undefined;
  if (columns.power > rows.power * fromDb(options.reverseTwistDb ?? 4)) return undefined;
  const relativePeak = fromDb(options.relativePeakDb ?? 8);
  if (rows.power < rows.runnerUp * relativePeak || columns.power < columns.runnerUp * relativePeak) return undefined;
  if (rows.power + columns.power < energy * (options.minToneEnergyShare ?? 0.35)) return undefined;
  return DTMF_KEYPAD[rows.index]?.[columns.index];
}

/** A key held for a second is reported once: a digit needs minBlocks in a row, and releaseBlocks without it to re-arm. */
export function createInBandDtmfDetector(options: InBandDtmfOptions = {}): InBandDtmfDetector {
  const blockSize = options.blockSize ?? Math.round((205 * (options.sampleRate ?? 8000)) / 8000);
  const minBlocks = options.minBlocks ?? 3;
  const releaseBlocks = options.releaseBlocks ?? 2;
  const hopSize = options.hopSize ?? Math.floor(blockSize / 2);
  if (blockSize < 1 || hopSize < 1 || hopSize > blockSize) throw new RangeError('invalid block or hop size');
  const history = new Float64Array(blockSize);
  const block = new Float64Array(blockSize);
  let written = 0;
  let sinceAnalysis = 0;
  let candidate: string | undefined;
  let candidateBlocks = 0;
  let reported: string | undefined;
  let blocksWithoutReported = 0;

  function analyse(): string | undefined {
    const oldest = written % blockSize;
    block.set(history.subarray(oldest), 0);
    block.set(history.subarray(0, oldest), blockSize - oldest);
    const digit = detectDtmfBlock(block, options);
    if (digit === undefined || digit !== candidate) candidateBlocks = 0;
    candidate = digit;
    if (digit !== reported) {
      blocksWithoutReported++;
      if (blocksWithoutReported >= releaseBlocks) reported = undefined;
    } else {
      blocksWithoutReported = 0;
    }
    if (digit === undefined) return undefined;
    candidateBlocks++;
    if (candidateBlocks < minBlocks || digit === reported) return undefined;
    reported = digit;
    blocksWithoutReported = 0;
    return digit;
  }

  return {
    push(samples) {
      const digits: string[] = [];
      for (let i = 0; i < samples.length; i++) {
        history[written % blockSize] = samples[i] ?? 0;
        written++;
        sinceAnalysis++;
        if (written < blockSize || sinceAnalysis < hopSize) continue;
        sinceAnalysis = 0;
        const digit = analyse();
        if (digit !== undefined) digits.push(digit);
      }
      return digits;
    },
  };
}
