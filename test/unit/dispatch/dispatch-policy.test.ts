import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZDispatchPolicy, defaultDispatchWeights } from '../../../src/shared/dispatch-policy.ts';
import { effectiveWeights } from '../../../src/server/dispatch/candidate-scores.ts';

test('an empty policy gets the defaults', () => {
  assert.deepEqual(ZDispatchPolicy.parse({}), {
    strategy: 'weighted',
    weights: defaultDispatchWeights,
    filters: { requireSkill: true, requireOnDuty: true, requireZone: true },
    urgentOutOfHours: 'on_call',
    offerTimeoutSeconds: 300,
    maxCandidates: 5,
    autoDispatch: false,
  });
});

test('weights left out are 0; filters left out keep their defaults', () => {
  const policy = ZDispatchPolicy.parse({ weights: { distance: 2 }, filters: { requireZone: false, maxDistanceKm: 40 } });
  assert.deepEqual(policy.weights, { distance: 2, specialisation: 0, availability: 0, load: 0, fairness: 0 });
  assert.deepEqual(policy.filters, { requireSkill: true, requireOnDuty: true, requireZone: false, maxDistanceKm: 40 });
});

test('invalid policies name the field', () => {
  const paths = (input: unknown) => ZDispatchPolicy.safeParse(input).error?.issues.map((i) => i.path.join('.'));
  assert.deepEqual(paths({ weights: { distance: 0 } }), ['weights']);
  assert.deepEqual(paths({ weights: { load: -1, distance: 1 } }), ['weights.load']);
  assert.deepEqual(paths({ strategy: 'closest' }), ['strategy']);
  assert.deepEqual(paths({ offerTimeoutSeconds: 10 }), ['offerTimeoutSeconds']);
  assert.deepEqual(paths({ offerTimeoutSeconds: 3601 }), ['offerTimeoutSeconds']);
  assert.deepEqual(paths({ maxCandidates: 0 }), ['maxCandidates']);
  assert.deepEqual(paths({ filters: { maxDistanceKm: 0 } }), ['filters.maxDistanceKm']);
  assert.deepEqual(paths({ urgentOutOfHours: 'never' }), ['urgentOutOfHours']);
  assert.deepEqual(paths({ extra: true }), ['']);
});

test('effective weights: one-hot for a single strategy, normalised for weighted', () => {
  const weights = { distance: 4, specialisation: 3, availability: 1, load: 1, fairness: 1 };
  assert.deepEqual(effectiveWeights({ strategy: 'least_loaded', weights }), { distance: 0, specialisation: 0, availability: 0, load: 1, fairness: 0 });
  assert.deepEqual(effectiveWeights({ strategy: 'weighted', weights }), { distance: 0.4, specialisation: 0.3, availability: 0.1, load: 0.1, fairness: 0.1 });
  assert.throws(() => effectiveWeights({ strategy: 'weighted', weights: { ...weights, distance: 0, specialisation: 0, availability: 0, load: 0, fairness: 0 } }));
});
