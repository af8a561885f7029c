import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician } from '../../../src/server/dispatch/score-candidates.ts';
import type { TTechnician } from '../../../src/server/dispatch/technician-index.ts';
import { demoTechnicians } from '../../../src/server/demo/demo-records.ts';
import { demoDispatchPolicy } from '../../../src/server/demo/demo-protocol.ts';
import { ZDispatchPolicy } from '../../../src/shared/dispatch-policy.ts';

/** The technicians `npm start` seeds, as dispatch reads them, seeded on Monday 23 November 2026. */
const seeded: TTechnician[] = demoTechnicians.map((t, i) => ({
  id: `tech${i + 1}`, tenantIds: ['demo'], skills: t.skills, brands: t.brands, certifications: [], home: t.home,
  zone: { circle: { center: t.home, radiusKm: t.radiusKm } }, timeZone: 'Europe/Madrid', hours: t.hours, exceptions: [],
  onCall: t.onCall ? [{ from: '2026-11-23T17:00:00Z', to: '2026-11-24T07:00:00Z' }] : [],
  dailyCapacity: 8, jobsToday: 0, state: 'off',
}));
const policy = ZDispatchPolicy.parse(demoDispatchPolicy);
const restaurant = { lat: 40.4381, lon: -3.6768 };

test('demo desk: an urgent boiler in Lucía\'s zone at 22:00 goes to Lucía, on call; Pau, also a boiler man in range, is off duty', () => {
  const decision = chooseTechnician({
    job: { tenantId: 'demo', applianceType: 'boiler', brand: 'Junkers', urgent: true, location: restaurant, insideBusinessHours: false },
    technicians: seeded, policy, at: new Date('2026-11-23T21:00:00Z'),
  });
  assert.equal(decision.chosen, 'tech2');
  assert.equal(decision.mode, 'on_call');
  assert.deepEqual(Object.fromEntries(decision.candidates.map((c) => [c.technicianId, c.excludedBy ?? 'eligible'])), {
    tech2: 'eligible', tech5: 'off_duty', tech1: 'skill', tech3: 'skill', tech4: 'skill',
  });
  assert.equal(decision.candidates[0]!.scores.specialisation, 1, 'boiler and Junkers');
});

test('demo desk: the same boiler at 11:00 on a weekday is weighed between Lucía and Pau, and Lucía, far nearer, wins', () => {
  const decision = chooseTechnician({
    job: { tenantId: 'demo', applianceType: 'boiler', urgent: false, location: restaurant, insideBusinessHours: true },
    technicians: seeded.map((t) => ({ ...t, state: 'free' as const })), policy, at: new Date('2026-11-23T10:00:00Z'),
  });
  assert.deepEqual(decision.candidates.filter((c) => c.eligible).map((c) => c.technicianId), ['tech2', 'tech5']);
  assert.ok(decision.candidates[0]!.distanceKm < 3 && decision.candidates[1]!.distanceKm > 8);
});
