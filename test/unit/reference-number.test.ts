import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  dammCheckDigit,
  hasValidCheckDigit,
  normaliseReference,
  permuteCounter,
  referenceCapacity,
  referenceFor,
} from '../../src/server/cases/reference-number.ts';

const key = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');

test('references are 8 digits whose Damm check passes', () => {
  for (let n = 0; n < 1000; n += 1) {
    const ref = referenceFor(n, key);
    assert.match(ref, /^[1-9][0-9]{7}$/);
    assert.ok(hasValidCheckDigit(ref), ref);
  }
});

test('the check digit of a known body', () => {
  // Damm's worked example: 572 → check digit 4.
  assert.equal(dammCheckDigit('572'), 4);
  assert.ok(hasValidCheckDigit('5724'));
  assert.ok(!hasValidCheckDigit('5727'));
});

test('every single-digit error and every adjacent transposition is detected', () => {
  let checked = 0;
  for (let n = 0; n < 20_000; n += 1) {
    const ref = referenceFor(n * 449, key);
    for (let i = 0; i < ref.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === ref[i]) continue;
        const typo = ref.slice(0, i) + d + ref.slice(i + 1);
        assert.ok(!hasValidCheckDigit(typo), `single-digit error ${ref} → ${typo}`);
        checked += 1;
      }
      if (i + 1 < ref.length && ref[i] !== ref[i + 1]) {
        const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        assert.ok(!hasValidCheckDigit(swapped), `transposition ${ref} → ${swapped}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 1_400_000);
});

test('no collision among 1,000,000 generated references', () => {
  const seen = new Set<string>();
  for (let n = 0; n < 1_000_000; n += 1) seen.add(referenceFor(n, key));
  assert.equal(seen.size, 1_000_000);
});

test('consecutive cases do not get neighbouring references', () => {
  const values = Array.from({ length: 1000 }, (_, n) => permuteCounter(n, key));
  const steps = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const small = steps.filter((s) => s < 1000).length;
  assert.ok(small < 5, `${small} consecutive pairs landed within 1000 of each other`);
  const ascending = steps.filter((_, i) => values[i + 1]! > values[i]!).length;
  assert.ok(ascending > 400 && ascending < 600, `order leaks: ${ascending}/999 ascending`);
});

test('another installation key gives other references', () => {
  const other = randomBytes(16);
  const same = Array.from({ length: 100 }, (_, n) => referenceFor(n, key) === referenceFor(n, other)).filter(Boolean);
  assert.ok(same.length < 3);
});

test('the permutation covers its whole range and refuses counters outside it', () => {
  assert.throws(() => permuteCounter(referenceCapacity, key), RangeError);
  assert.throws(() => permuteCounter(-1, key), RangeError);
  const last = permuteCounter(referenceCapacity - 1, key);
  assert.ok(last >= 0 && last < referenceCapacity);
});

test('typed references are normalised', () => {
  assert.equal(normaliseReference('1234 5678'), '12345678');
  assert.equal(normaliseReference('1234-5678'), '12345678');
});
