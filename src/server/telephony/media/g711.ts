// ITU-T G.711 companding. µ-law keeps 14 significant bits and A-law 13, so the encode tables are
// indexed by the sample shifted down to those bits: 16 KiB and 8 KiB built once at load.

const MU_BIAS = 0x84;
const MU_CLIP = 8159;
const MU_SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const A_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function findSegment(value: number, ends: readonly number[]): number {
  for (let segment = 0; segment < ends.length; segment++) {
    if (value <= (ends[segment] ?? 0)) return segment;
  }
  return ends.length;
}

function computeMuLaw(pcm14: number): number {
  let value = pcm14;
  let mask = 0xff;
  if (value < 0) {
    value = -value;
    mask = 0x7f;
  }
  if (value > MU_CLIP) value = MU_CLIP;
  value += MU_BIAS >> 2;
  const segment = findSegment(value, MU_SEGMENT_ENDS);
  if (segment >= 8) return 0x7f ^ mask;
  return ((segment << 4) | ((value >> (segment + 1)) & 0x0f)) ^ mask;
}

function computeALaw(pcm13: number): number {
  let value = pcm13;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  const segment = findSegment(value, A_SEGMENT_ENDS);
  if (segment >= 8) return 0x7f ^ mask;
  const mantissa = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}

function expandMuLaw(code: number): number {
  const u = ~code & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + MU_BIAS) << ((u & 0x70) >> 4)) - MU_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

function expandALaw(code: number): number {
  const a = code ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const MU_ENCODE = new Uint8Array(1 << 14);
const A_ENCODE = new Uint8Array(1 << 13);
const MU_DECODE = new Int16Array(256);
const A_DECODE = new Int16Array(256);
for (let i = 0; i < MU_ENCODE.length; i++) MU_ENCODE[i] = computeMuLaw(i >= 1 << 13 ? i - (1 << 14) : i);
for (let i = 0; i < A_ENCODE.length; i++) A_ENCODE[i] = computeALaw(i >= 1 << 12 ? i - (1 << 13) : i);
for (let code = 0; code < 256; code++) {
  MU_DECODE[code] = expandMuLaw(code);
  A_DECODE[code] = expandALaw(code);
}

function toInt16(sample: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(sample)));
}

export function encodeMuLawSample(sample: number): number {
  return MU_ENCODE[(toInt16(sample) >> 2) & 0x3fff] ?? 0xff;
}

export function decodeMuLawSample(code: number): number {
  return MU_DECODE[code & 0xff] ?? 0;
}

export function encodeALawSample(sample: number): number {
  return A_ENCODE[(toInt16(sample) >> 3) & 0x1fff] ?? 0xd5;
}

export function decodeALawSample(code: number): number {
  return A_DECODE[code & 0xff] ?? 0;
}

export function encodeMuLaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = MU_ENCODE[((pcm[i] ?? 0) >> 2) & 0x3fff] ?? 0xff;
  return out;
}

export function decodeMuLaw(data: Uint8Array): Int16Array {
  const out = new Int16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = MU_DECODE[data[i] ?? 0xff] ?? 0;
  return out;
}

export function encodeALaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = A_ENCODE[((pcm[i] ?? 0) >> 3) & 0x1fff] ?? 0xd5;
  return out;
}

export function decodeALaw(data: Uint8Array): Int16Array {
  const out = new Int16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = A_DECODE[data[i] ?? 0xd5] ?? 0;
  return out;
}
