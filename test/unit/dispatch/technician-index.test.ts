import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTechnician } from '../../../src/server/dispatch/score-candidates.ts';
import { indexTechnicians, updateTechnicianLiveState } from '../../../src/server/dispatch/technician-index.ts';
import { job, mondayMorning, northOfSol, policy, technician } from './technician-fixtures.ts';

const roster = () => [technician('a', { home: northOfSol(2) }), technician('b', { home: northOfSol(6) }), technician('c', { home: northOfSol(9), skills: ['oven', 'Boiler'] })];

test('a decision on a prebuilt index equals one on the plain list', () => {
  const index = indexTechnicians(roster());
  assert.deepEqual(index.ids, ['a', 'b', 'c']);
  const onIndex = chooseTechnician({ job: job(), technicians: index, policy: policy(), at: mondayMorning });
  const onList = chooseTechnician({ job: job(), technicians: roster(), policy: policy(), at: mondayMorning });
  assert.deepEqual(onIndex, onList);
  assert.equal(onIndex.eligibleCount, 3, 'skills match without regard to case');
});

test('live state updates in place change the next decision', () => {
  const index = indexTechnicians(roster());
  const decide = () => chooseTechnician({ job: job(), technicians: index, policy: policy({ strategy: 'nearest' }), at: mondayMorning });
  assert.equal(decide().chosen, 'a');
  updateTechnicianLiveState(index, 'a', { state: 'off' });
  updateTechnicianLiveState(index, 'c', { lastPosition: { ...northOfSol(0.2), at: mondayMorning } });
  const decision = decide();
  assert.equal(decision.chosen, 'c');
  assert.equal(decision.candidates.find((c) => c.technicianId === 'a')?.excludedBy, 'state');
  updateTechnicianLiveState(index, 'c', { lastPosition: null, jobsToday: 8 });
  assert.equal(decide().chosen, 'b');
  assert.throws(() => updateTechnicianLiveState(index, 'zz', { state: 'free' }), /not in the index/);
});

test('duplicate technician ids are refused', () => {
  assert.throws(() => indexTechnicians([technician('a'), technician('a')]), /duplicate technician id a/);
});

test('on call out of hours: a technician already on a job ranks after a free one, and capacity does not exclude', () => {
  const night = new Date('2026-11-23T21:00:00Z');
  const onCall = [{ from: '2026-11-23T18:00:00+01:00', to: '2026-11-24T08:00:00+01:00' }];
  const technicians = [
    technician('busy', { hours: [], onCall, state: 'on_job', home: northOfSol(1) }),
    technician('rested', { hours: [], onCall, state: 'off', home: northOfSol(3), jobsToday: 8, dailyCapacity: 8 }),
    technician('not-on-rota', { hours: [], home: northOfSol(0.5) }),
  ];
  const decision = chooseTechnician({ job: job({ urgent: true, insideBusinessHours: false }), technicians, policy: policy({ strategy: 'free_now' }), at: night });
  assert.deepEqual(decision.candidates.map((c) => [c.technicianId, c.excludedBy ?? 'eligible']), [['rested', 'eligible'], ['busy', 'eligible'], ['not-on-rota', 'off_duty']]);
  assert.equal(decision.reason, 'on_call');
});
