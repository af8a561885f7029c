import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician } from '../../../src/server/dispatch/score-candidates.ts';
import { indexTechnicians, type TTechnician } from '../../../src/server/dispatch/technician-index.ts';
import { job, mondayMorning, officeHours, policy, technician } from './technician-fixtures.ts';

// A seeded roster around Madrid, big enough that the short lists must prune.
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const roster: TTechnician[] = Array.from({ length: 600 }, (_, n) => {
  const home = { lat: 40.2 + random() * 0.5, lon: -4 + random() * 0.6 };
  return technician(`t${String(n).padStart(3, '0')}`, {
    home,
    skills: random() < 0.5 ? ['boiler'] : ['oven'],
    brands: random() < 0.3 ? ['Junkers'] : [],
    zone: { circle: { center: home, radiusKm: 5 + random() * 25 } },
    hours: random() < 0.7 ? officeHours : [],
    state: random() < 0.8 ? 'free' : random() < 0.5 ? 'on_job' : 'off',
    jobsToday: Math.floor(random() * 9),
    ...(random() < 0.5 ? { lastAssignedAt: new Date(mondayMorning.getTime() - random() * 86_400_000) } : {}),
  });
});
const index = indexTechnicians(roster);

test('the short lists are exactly the head of the full ones', () => {
  for (const location of [{ lat: 40.42, lon: -3.7 }, { lat: 40.3, lon: -3.9 }, { lat: 40.6, lon: -3.5 }]) {
    const input = { job: job({ location, brand: 'Junkers' }), technicians: index, at: mondayMorning };
    const full = chooseTechnician({ ...input, policy: policy({ maxCandidates: 50 }), listExcluded: 1000 });
    const short = chooseTechnician({ ...input, policy: policy({ maxCandidates: 3 }), listExcluded: 7 });
    const eligible = full.candidates.filter((c) => c.eligible);
    const excluded = full.candidates.filter((c) => !c.eligible);
    assert.ok(full.eligibleCount > 3, `eligible ${full.eligibleCount}`);
    assert.equal(eligible.length, Math.min(50, full.eligibleCount));
    assert.equal(excluded.length, 600 - full.eligibleCount, 'the full run lists every excluded technician');
    assert.deepEqual(short.candidates, [...eligible.slice(0, 3), ...excluded.slice(0, 7)]);
    assert.deepEqual(short.excludedCounts, full.excludedCounts);
    for (let n = 1; n < eligible.length; n++) assert.ok(eligible[n - 1]!.total >= eligible[n]!.total);
    for (let n = 1; n < excluded.length; n++) assert.ok(excluded[n - 1]!.distanceKm <= excluded[n]!.distanceKm);
  }
});
