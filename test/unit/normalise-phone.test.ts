import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findE164, normalisePhone } from '../../src/server/phones/normalise-phone.ts';
import { AppError } from '../../src/server/platform/errors.ts';

test('national, international and 00-prefixed forms become E.164', () => {
  assert.equal(findE164('612 34 56 78', 'ES'), '+34612345678');
  assert.equal(findE164('+34 612-34-56-78', 'ES'), '+34612345678');
  assert.equal(findE164('0034612345678', 'ES'), '+34612345678');
  assert.equal(findE164('(34) 612 345 678', 'FR'), undefined);
  assert.equal(findE164('900 100 200', 'ES'), '+34900100200');
  assert.equal(findE164('+44 20 7946 0958', 'ES'), '+442079460958');
});

test('invalid numbers are refused with the field named', () => {
  assert.equal(findE164('12', 'ES'), undefined);
  assert.equal(findE164('not a phone', 'ES'), undefined);
  assert.throws(
    () => normalisePhone('555', 'ES', 'phones.0'),
    (e: unknown) => e instanceof AppError && e.fields[0]?.path === 'phones.0',
  );
});
