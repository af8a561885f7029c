// Band-limited resampling by direct evaluation of a Blackman-windowed sinc, read from a table with
// linear interpolation so any rate pair works (22050 -> 8000 has no small common period).

const ZERO_CROSSINGS = 16;
const TABLE_RESOLUTION = 512;
const KERNEL = new Float64Array(ZERO_CROSSINGS * TABLE_RESOLUTION + 2);
for (let i = 0; i < KERNEL.length; i++) {
  const u = i / TABLE_RESOLUTION;
  if (u > ZERO_CROSSINGS) break;
  const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
  const x = u / ZERO_CROSSINGS;
  const window = 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
  KERNEL[i] = sinc * window;
}

export interface ResampleOptions {
  /** Cutoff as a fraction of the lower rate's Nyquist frequency; below 1 so the transition band ends before it. */
  cutoff?: number;
}

/** Resamples mono Int16 PCM; the output length is floor(input length * toRate / fromRate). */
export function resamplePcm(pcm: Int16Array, fromRate: number, toRate = 8000, options: ResampleOptions = {}): Int16Array {
  for (const rate of [fromRate, toRate]) {
    if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`invalid sample rate ${rate}`);
  }
  if (fromRate === toRate) return pcm.slice();
  const cutoff = options.cutoff ?? 0.9;
  if (!(cutoff > 0 && cutoff <= 1)) throw new RangeError(`invalid cutoff ${cutoff}`);
  // Kernel frequency in cycles per input sample, relative to the input Nyquist.
  const scale = Math.min(1, toRate / fromRate) * cutoff;
  const halfWidth = ZERO_CROSSINGS / scale;
  const step = fromRate / toRate;
  const outLength = Math.floor((pcm.length * toRate) / fromRate);
  const out = new Int16Array(outLength);
  const lastInput = pcm.length - 1;
  for (let n = 0; n < outLength; n++) {
    const t = n * step;
    const first = Math.max(0, Math.ceil(t - halfWidth));
    const last = Math.min(lastInput, Math.floor(t + halfWidth));
    let sum = 0;
    for (let k = first; k <= last; k++) {
      const position = Math.abs(t - k) * scale * TABLE_RESOLUTION;
      const index = Math.floor(position);
      const below = KERNEL[index] ?? 0;
      const above = KERNEL[index + 1] ?? 0;
      sum += (pcm[k] ?? 0) * (below + (position - index) * (above - below));
    }
    const value = Math.round(sum * scale);
    out[n] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
  }
  return out;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

export interface SlicedResampleOptions extends ResampleOptions {
  /** Rough output samples per slice; about 5 ms of work at 22,050 → 8,000 Hz with the default. */
  outputSamplesPerSlice?: number;
  /** Lets other work run between slices; defaults to a macrotask turn (setImmediate). */
  pause?: () => Promise<void>;
}

/**
 * The same result as resamplePcm, computed in slices with a pause between them. A two-minute 48 kHz upload
 * takes about a second to resample: done in one go on the process that runs calls, it would stall the
 * shared media tick and every call's audio with it. Slices start where output and input samples coincide
 * (multiples of toRate/gcd outputs), with enough input either side for the kernel, so the seams are exact.
 */
export async function resamplePcmInSlices(
  pcm: Int16Array,
  fromRate: number,
  toRate = 8000,
  options: SlicedResampleOptions = {},
): Promise<Int16Array> {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0 || fromRate === toRate) {
    return resamplePcm(pcm, fromRate, toRate, options);
  }
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const divisor = greatestCommonDivisor(fromRate, toRate);
  const outputPeriod = toRate / divisor;
  const inputPeriod = fromRate / divisor;
  const periodsPerSlice = Math.max(1, Math.round((options.outputSamplesPerSlice ?? 2000) / outputPeriod));
  const scale = Math.min(1, toRate / fromRate) * (options.cutoff ?? 0.9);
  const marginPeriods = Math.ceil((ZERO_CROSSINGS / scale + 2) / inputPeriod);
  const out = new Int16Array(Math.floor((pcm.length * toRate) / fromRate));
  for (let period = 0; period * outputPeriod < out.length; period += periodsPerSlice) {
    const leadPeriods = Math.min(period, marginPeriods);
    const inputStart = (period - leadPeriods) * inputPeriod;
    const inputEnd = Math.min(pcm.length, (period + periodsPerSlice + marginPeriods) * inputPeriod);
    const slice = resamplePcm(pcm.subarray(inputStart, inputEnd), fromRate, toRate, options);
    const from = leadPeriods * outputPeriod;
    const wanted = Math.min(periodsPerSlice * outputPeriod, out.length - period * outputPeriod);
    out.set(slice.subarray(from, from + wanted), period * outputPeriod);
    if ((period + periodsPerSlice) * outputPeriod < out.length) await pause();
  }
  return out;
}
