import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician, type TChooseTechnicianInput } from '../../../src/server/dispatch/score-candidates.ts';
import { scoreParts } from '../../../src/shared/dispatch-policy.ts';
import { job, mondayMorning, northOfSol, policy, technician } from './technician-fixtures.ts';

const choose = (input: Partial<TChooseTechnicianInput> & Pick<TChooseTechnicianInput, 'technicians'>) =>
  chooseTechnician({ job: job(), policy: policy(), at: mondayMorning, ...input });
const order = (decision: ReturnType<typeof chooseTechnician>) => decision.candidates.filter((c) => c.eligible).map((c) => c.technicianId);

test('nearest orders by great-circle distance from the home base', () => {
  const technicians = [technician('far', { home: northOfSol(20) }), technician('near', { home: northOfSol(1) }), technician('mid', { home: northOfSol(5) })];
  const decision = choose({ technicians, policy: policy({ strategy: 'nearest' }) });
  assert.deepEqual(order(decision), ['near', 'mid', 'far']);
  assert.ok(Math.abs(decision.candidates[0]!.distanceKm - 1) < 0.01);
  assert.equal(decision.candidates[0]!.total, decision.candidates[0]!.scores.distance);
  assert.ok(Math.abs(decision.candidates[1]!.scores.distance - 10 / 15) < 0.001, '5 km scores 10/(10+5)');
});

test('nearest uses a last known position under two hours old, else the home base', () => {
  const lastPosition = (minutesAgo: number) => ({ ...northOfSol(0.5), at: new Date(mondayMorning.getTime() - minutesAgo * 60_000) });
  const recent = choose({ technicians: [technician('a', { home: northOfSol(30), lastPosition: lastPosition(30) }), technician('b', { home: northOfSol(2) })], policy: policy({ strategy: 'nearest' }) });
  assert.deepEqual(order(recent), ['a', 'b']);
  assert.equal(recent.candidates[0]!.from, 'last_position');
  const stale = choose({ technicians: [technician('a', { home: northOfSol(30), lastPosition: lastPosition(180) }), technician('b', { home: northOfSol(2) })], policy: policy({ strategy: 'nearest' }) });
  assert.deepEqual(order(stale), ['b', 'a']);
  assert.equal(stale.candidates[1]!.from, 'home');
});

test('most specialised prefers the brand, then the nearer of equals', () => {
  const technicians = [
    technician('general-near', { home: northOfSol(1) }),
    technician('junkers-far', { home: northOfSol(9), brands: ['Junkers'] }),
    technician('junkers-mid', { home: northOfSol(4), brands: ['Vaillant', 'JUNKERS'] }),
  ];
  const decision = choose({ technicians, job: job({ brand: 'junkers' }), policy: policy({ strategy: 'most_specialised' }) });
  assert.deepEqual(order(decision), ['junkers-mid', 'junkers-far', 'general-near']);
  assert.deepEqual(decision.candidates.map((c) => c.scores.specialisation), [1, 1, 0.6]);
  const noBrand = choose({ technicians, policy: policy({ strategy: 'most_specialised' }) });
  assert.deepEqual(order(noBrand), ['general-near', 'junkers-mid', 'junkers-far'], 'all match the skill: nearest first');
});

test('free now puts technicians on a job after the free ones', () => {
  const technicians = [technician('busy-near', { state: 'on_job', home: northOfSol(1) }), technician('free-far', { home: northOfSol(15) })];
  const decision = choose({ technicians, policy: policy({ strategy: 'free_now' }) });
  assert.deepEqual(order(decision), ['free-far', 'busy-near']);
  assert.deepEqual(decision.candidates.map((c) => c.scores.availability), [1, 0.5]);
});

test('round robin goes to whoever waited longest, never-assigned first; per-tenant times override', () => {
  const hoursAgo = (h: number) => new Date(mondayMorning.getTime() - h * 3_600_000);
  const technicians = [
    technician('a', { lastAssignedAt: hoursAgo(1) }),
    technician('b', { lastAssignedAt: hoursAgo(30) }),
    technician('c'),
    technician('d', { lastAssignedAt: hoursAgo(8) }),
  ];
  const decision = choose({ technicians, policy: policy({ strategy: 'round_robin' }) });
  assert.deepEqual(order(decision), ['c', 'b', 'd', 'a']);
  assert.equal(decision.candidates[2]!.scores.fairness, 0.5, 'eight hours ago scores one half');
  const perTenant = choose({ technicians, policy: policy({ strategy: 'round_robin' }), lastAssignedAt: new Map([['c', hoursAgo(2)], ['a', hoursAgo(50)]]) });
  assert.deepEqual(order(perTenant), ['a', 'b', 'd', 'c']);
});

test('least loaded compares the share of daily capacity used', () => {
  const technicians = [
    technician('half', { jobsToday: 4, dailyCapacity: 8 }),
    technician('quarter', { jobsToday: 1, dailyCapacity: 4 }),
    technician('most', { jobsToday: 5, dailyCapacity: 6 }),
  ];
  const decision = choose({ technicians, policy: policy({ strategy: 'least_loaded' }) });
  assert.deepEqual(order(decision), ['quarter', 'half', 'most']);
  assert.deepEqual(decision.candidates.map((c) => c.scores.load), [0.75, 0.5, 1 - 5 / 6]);
});

test('weighted: every total is the weighted sum of its scores, with the policy weights normalised', () => {
  const technicians = [
    technician('a', { home: northOfSol(3), jobsToday: 3, brands: ['Junkers'] }),
    technician('b', { home: northOfSol(1), state: 'on_job', lastAssignedAt: new Date(mondayMorning.getTime() - 3_600_000) }),
    technician('c', { home: northOfSol(12), jobsToday: 7 }),
    technician('d', { home: northOfSol(40), skills: ['oven'] }),
  ];
  const weights = { distance: 2, specialisation: 3, availability: 1, load: 1, fairness: 3 };
  const decision = choose({ technicians, job: job({ brand: 'Junkers' }), policy: policy({ weights }) });
  assert.deepEqual(decision.weights, { distance: 0.2, specialisation: 0.3, availability: 0.1, load: 0.1, fairness: 0.3 });
  assert.equal(decision.candidates.length, 4, 'the excluded one is listed too');
  for (const candidate of decision.candidates) {
    const sum = scoreParts.reduce((total, part) => total + decision.weights[part] * candidate.scores[part], 0);
    assert.ok(Math.abs(candidate.total - sum) < 1e-12, `${candidate.technicianId}: ${candidate.total} vs ${sum}`);
    for (const part of scoreParts) assert.ok(candidate.scores[part] >= 0 && candidate.scores[part] <= 1);
  }
  const totals = decision.candidates.filter((c) => c.eligible).map((c) => c.total);
  assert.deepEqual(totals, [...totals].sort((x, y) => y - x), 'eligible best first');
  assert.equal(decision.chosen, 'a', 'the brand and the free slot outweigh two kilometres');
});

test('each hard filter excludes with its name', () => {
  const technicians = [
    technician('ok'),
    technician('signed-off', { state: 'off' }),
    technician('oven-only', { skills: ['oven'] }),
    technician('no-gas-licence', { certifications: [] }),
    technician('weekend-only', { hours: [{ day: 'sat', open: '08:00', close: '20:00' }] }),
    technician('elsewhere', { zone: { circle: { center: { lat: 41.39, lon: 2.17 }, radiusKm: 30 } } }),
    technician('too-far', { home: northOfSol(45) }),
    technician('full', { jobsToday: 8, dailyCapacity: 8 }),
  ].map((t) => (t.id === 'no-gas-licence' ? t : { ...t, certifications: ['gas'] }));
  const decision = choose({ technicians, job: job({ requiredCertifications: ['Gas'] }), policy: policy({ filters: { maxDistanceKm: 40 } }) });
  const excludedBy = Object.fromEntries(decision.candidates.map((c) => [c.technicianId, c.excludedBy ?? 'eligible']));
  assert.deepEqual(excludedBy, {
    ok: 'eligible',
    'signed-off': 'state',
    'oven-only': 'skill',
    'no-gas-licence': 'skill',
    'weekend-only': 'off_duty',
    elsewhere: 'zone',
    'too-far': 'distance',
    full: 'capacity',
  });
  assert.deepEqual(decision.excludedCounts, { state: 1, skill: 2, off_duty: 1, zone: 1, distance: 1, capacity: 1 });
  assert.equal(decision.eligibleCount + Object.values(decision.excludedCounts).reduce((a, b) => a + b), decision.considered);
  assert.deepEqual(decision.candidates.slice(1).map((c) => c.eligible), new Array(7).fill(false));
});

test('soft filters: switched off, a missing skill or zone only lowers the score', () => {
  const technicians = [technician('oven-only', { skills: ['oven'], home: northOfSol(1) }), technician('weekend-only', { hours: [], home: northOfSol(2) }), technician('elsewhere', { zone: {}, home: northOfSol(3) })];
  const decision = choose({ technicians, policy: policy({ strategy: 'nearest', filters: { requireSkill: false, requireOnDuty: false, requireZone: false } }) });
  assert.deepEqual(order(decision), ['oven-only', 'weekend-only', 'elsewhere']);
  assert.equal(decision.candidates[0]!.scores.specialisation, 0);
  assert.equal(decision.candidates[1]!.scores.availability, 0.5, 'off duty but free');
});

test('technicians of other tenants are not considered; a technician of two tenants serves both', () => {
  const technicians = [technician('mine'), technician('theirs', { tenantIds: ['tenant-2'] }), technician('shared', { tenantIds: ['tenant-2', 'tenant-1'] })];
  const decision = choose({ technicians });
  assert.equal(decision.considered, 2);
  assert.deepEqual(decision.candidates.map((c) => c.technicianId).sort(), ['mine', 'shared']);
  const none = choose({ technicians, job: job({ tenantId: 'tenant-3' }) });
  assert.equal(none.chosen, null);
  assert.equal(none.reason, 'no_technicians');
});

test('exact ties go to the smaller id, whatever the input order', () => {
  const twins = [technician('tec-b'), technician('tec-a'), technician('tec-c')];
  for (const technicians of [twins, [...twins].reverse()]) {
    const decision = choose({ technicians });
    assert.equal(decision.chosen, 'tec-a');
    assert.deepEqual(order(decision), ['tec-a', 'tec-b', 'tec-c']);
  }
});

test('maxCandidates caps the eligible list and listExcluded caps the excluded list, nearest first', () => {
  const technicians = Array.from({ length: 12 }, (_, n) =>
    technician(`t${String(n).padStart(2, '0')}`, { home: northOfSol(n + 1), skills: n % 2 ? ['oven'] : ['boiler'] }),
  );
  const decision = choose({ technicians, policy: policy({ strategy: 'nearest', maxCandidates: 3 }), listExcluded: 2 });
  assert.deepEqual(decision.candidates.map((c) => [c.technicianId, c.eligible]), [['t00', true], ['t02', true], ['t04', true], ['t01', false], ['t03', false]]);
  assert.equal(decision.eligibleCount, 6);
  assert.equal(decision.excludedCounts.skill, 6);
});
