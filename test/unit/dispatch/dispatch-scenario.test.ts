import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician } from '../../../src/server/dispatch/score-candidates.ts';
import { indexTechnicians } from '../../../src/server/dispatch/technician-index.ts';
import { isInZone } from '../../../src/server/dispatch/geo.ts';
import { demoTechnicians, demoTenantId, serrano } from './demo-technicians.ts';
import { policy } from './technician-fixtures.ts';

/** Monday 2026-11-23 at 22:00 in Madrid (CET, UTC+1): everyone has signed off for the day. */
const mondayNight = new Date('2026-11-23T21:00:00Z');
const signedOff = indexTechnicians(demoTechnicians().map((t) => ({ ...t, state: 'off' as const })));
const boiler = { tenantId: demoTenantId, applianceType: 'boiler', brand: 'Junkers', location: serrano, insideBusinessHours: false };

test('the job is inside Bruno\'s zone and the city polygon, and outside Elena\'s zone', () => {
  const zones = new Map(demoTechnicians().map((t) => [t.id, t.zone]));
  assert.ok(isInZone(serrano, zones.get('tec-bruno')!));
  assert.ok(isInZone(serrano, zones.get('tec-ana')!));
  assert.ok(!isInZone(serrano, zones.get('tec-elena')!));
});

test('an urgent boiler at 22:00 goes to the technician on call, not to the nearer specialist off duty', () => {
  const decision = chooseTechnician({ job: { ...boiler, urgent: true }, technicians: signedOff, policy: policy(), at: mondayNight });
  assert.equal(decision.chosen, 'tec-ana');
  assert.equal(decision.reason, 'on_call');
  assert.equal(decision.mode, 'on_call');
  const excludedBy = Object.fromEntries(decision.candidates.map((c) => [c.technicianId, c.excludedBy ?? 'eligible']));
  assert.deepEqual(excludedBy, {
    'tec-ana': 'eligible',
    'tec-bruno': 'off_duty',
    'tec-carmen': 'skill',
    'tec-diego': 'skill',
    'tec-elena': 'off_duty',
  });
  assert.deepEqual(decision.excludedCounts, { state: 0, skill: 2, off_duty: 2, zone: 0, distance: 0, capacity: 0 });
  // Ana has done 5 of her 6 jobs today: on-call work is not held to the working day's capacity.
  assert.ok(decision.candidates[0]!.scores.load < 0.2);
  assert.match(decision.summary, /^tec-ana chosen by weighted from 1 eligible of 5 technicians \(urgent out of hours: on-call rota\)/);
});

test('a normal boiler at 22:00 gets no one: it waits for business hours', () => {
  const decision = chooseTechnician({ job: { ...boiler, urgent: false }, technicians: signedOff, policy: policy(), at: mondayNight });
  assert.equal(decision.chosen, null);
  assert.equal(decision.reason, 'out_of_hours');
  assert.equal(decision.mode, 'queued');
  assert.deepEqual(decision.candidates, []);
});

test('an urgent boiler at 22:00 is queued when the policy says so', () => {
  const decision = chooseTechnician({ job: { ...boiler, urgent: true }, technicians: signedOff, policy: policy({ urgentOutOfHours: 'queue' }), at: mondayNight });
  assert.equal(decision.chosen, null);
  assert.equal(decision.reason, 'out_of_hours');
});

test('the next Monday night Elena is on call, but the job is outside her zone', () => {
  const decision = chooseTechnician({ job: { ...boiler, urgent: true }, technicians: signedOff, policy: policy(), at: new Date('2026-11-30T21:00:00Z') });
  assert.equal(decision.chosen, null);
  assert.equal(decision.reason, 'none_eligible');
  assert.equal(decision.candidates.find((c) => c.technicianId === 'tec-elena')?.excludedBy, 'zone');
  assert.equal(decision.candidates.find((c) => c.technicianId === 'tec-ana')?.excludedBy, 'off_duty');
});

test('the same boiler on Monday at 10:00 goes to Bruno, nearest and less loaded, ahead of Ana', () => {
  const decision = chooseTechnician({
    job: { ...boiler, urgent: false, insideBusinessHours: true },
    technicians: demoTechnicians(),
    policy: policy(),
    at: new Date('2026-11-23T09:00:00Z'),
  });
  assert.equal(decision.chosen, 'tec-bruno');
  assert.equal(decision.reason, 'best_score');
  assert.deepEqual(decision.candidates.filter((c) => c.eligible).map((c) => c.technicianId), ['tec-bruno', 'tec-ana']);
  assert.equal(decision.candidates.find((c) => c.technicianId === 'tec-elena')?.excludedBy, 'zone');
});
