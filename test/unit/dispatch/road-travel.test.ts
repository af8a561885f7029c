import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chooseTechnician } from '../../../src/server/dispatch/score-candidates.ts';
import { refineWithRoads } from '../../../src/server/dispatch/refine-with-roads.ts';
import { createOsrmTravelTimes } from '../../../src/server/dispatch/travel-times.ts';
import { job, northOfSol, policy, technician } from './technician-fixtures.ts';

test('road distances re-order the shortlist: the nearer technician across the river loses to the one with a straight road', () => {
  const technicians = [technician('a', { home: northOfSol(2) }), technician('b', { home: northOfSol(4) })];
  const decision = chooseTechnician({ job: job(), technicians, policy: policy({ strategy: 'nearest' }), at: new Date('2026-11-23T10:00:00Z') });
  assert.equal(decision.chosen, 'a');
  const refined = refineWithRoads(decision, job(), new Map([['a', { km: 11, seconds: 1500 }], ['b', { km: 4.5, seconds: 420 }]]));
  assert.equal(refined.chosen, 'b');
  assert.deepEqual(refined.candidates.map((c) => [c.technicianId, c.distanceKm, c.travelSeconds]), [['b', 4.5, 420], ['a', 11, 1500]]);
  assert.equal(refined.candidates[0]!.scores.distance, 10 / 14.5);
  assert.match(refined.summary, /^b chosen by nearest/);
  assert.equal(refineWithRoads(decision, job(), new Map()), decision, 'no road data: the decision stands');
});

test('the OSRM adapter asks the table service for every origin to the job and reads metres and seconds', async () => {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url!);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 'Ok', durations: [[600.5], [null]], distances: [[7200], [null]] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const osrm = createOsrmTravelTimes({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const legs = await osrm.measure([{ lat: 40.45, lon: -3.69 }, { lat: 40.47, lon: -3.57 }], { lat: 40.4168, lon: -3.7038 });
    assert.deepEqual(legs, [{ km: 7.2, seconds: 600.5 }, null]);
    assert.deepEqual(asked, ['/table/v1/driving/-3.690000,40.450000;-3.570000,40.470000;-3.703800,40.416800?sources=0;1&destinations=2&annotations=duration,distance']);
  } finally {
    server.close();
  }
});

test('an OSRM error is an error, so dispatch can fall back to great-circle distances', async () => {
  const server = createServer((_req, res) => {
    res.statusCode = 400;
    res.end(JSON.stringify({ code: 'InvalidQuery', message: 'bad coordinates' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const osrm = createOsrmTravelTimes({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    await assert.rejects(osrm.measure([{ lat: 1, lon: 1 }], { lat: 2, lon: 2 }), /OSRM answered 400 InvalidQuery: bad coordinates/);
  } finally {
    server.close();
  }
});
