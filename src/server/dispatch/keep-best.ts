/**
 * Offers entry `i` with keys (p, s) to a best-first list held in parallel arrays holding `count`
 * entries, and returns the new count. Insertion into a handful of slots beats sorting thousands
 * of candidates and allocates nothing per technician.
 */
export function keepBest(slots: Int32Array, primary: Float64Array, secondary: Float64Array, count: number, i: number, p: number, s: number): number {
  let at = count < slots.length ? count : slots.length;
  // Smaller keys are better; the index (id order) breaks exact ties.
  while (at > 0) {
    const q = primary[at - 1]!;
    const r = secondary[at - 1]!;
    if (q < p || (q === p && (r < s || (r === s && slots[at - 1]! < i)))) break;
    at--;
  }
  if (at >= slots.length) return count;
  const last = Math.min(count, slots.length - 1);
  slots.copyWithin(at + 1, at, last);
  primary.copyWithin(at + 1, at, last);
  secondary.copyWithin(at + 1, at, last);
  slots[at] = i;
  primary[at] = p;
  secondary[at] = s;
  return Math.min(count + 1, slots.length);
}
