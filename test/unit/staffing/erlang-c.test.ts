import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  averageSpeedOfAnswer, erlangB, findAgentsForWaitProbability, findRequiredAgents, occupancy, offeredLoad,
  probabilityOfWaiting, requiredAgents, scheduledAgents, serviceLevel,
} from '../../../src/server/staffing/erlang-c.ts';

/** Equal to the published figure at its printed number of decimals. */
function assertPublished(actual: number, published: string, what: string) {
  const decimals = published.split('.')[1]?.length ?? 0;
  assert.equal(actual.toFixed(decimals), published, `${what}: ${actual} vs ${published}`);
}

/** mulberry32: a tiny seeded PRNG so the property runs are the same every time. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ERLANG.md example 1: 100 calls per 30 min, AHT 180 s, 80 % in 20 s', () => {
  const load = offeredLoad(100, 1800, 180);
  const table = [
    { n: 11, wait: '0.6821182', sl: '0.3896138', asa: '122.781', occ: '0.9091' },
    { n: 12, wait: '0.4493882', sl: '0.6401580', asa: '40.445', occ: '0.8333' },
    { n: 13, wait: '0.2852705', sl: '0.7955948', asa: '17.116', occ: '0.7692' },
    { n: 14, wait: '0.1741319', sl: '0.8883500', asa: '7.836', occ: '0.7143' },
  ];

  test('the offered load is 10 erlangs', () => assert.equal(load, 10));

  for (const row of table) {
    test(`N = ${row.n} matches the published row`, () => {
      assertPublished(probabilityOfWaiting(row.n, load), row.wait, 'P(wait)');
      assertPublished(serviceLevel(row.n, load, 180, 20), row.sl, 'SL(20 s)');
      assertPublished(averageSpeedOfAnswer(row.n, load, 180), row.asa, 'ASA');
      assertPublished(occupancy(row.n, load), row.occ, 'occupancy');
    });
  }

  test('14 agents on the phones, 20 scheduled after 30 % shrinkage', () => {
    const staffing = requiredAgents({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3 });
    assert.equal(staffing.agents, 14);
    assert.equal(staffing.scheduledAgents, 20);
    assert.equal(staffing.offeredLoad, 10);
    assertPublished(staffing.serviceLevel, '0.8883500', 'SL');
    assertPublished(staffing.probabilityOfWaiting, '0.1741319', 'P(wait)');
    assertPublished(staffing.averageSpeedOfAnswer, '7.836', 'ASA');
    assertPublished(staffing.occupancy, '0.7143', 'occupancy');
  });

  test('a maximum occupancy adds agents the service level alone would not', () => {
    const base = { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20 };
    assert.equal(requiredAgents({ ...base, maxOccupancy: 0.72 }).agents, 14);
    assert.equal(requiredAgents({ ...base, maxOccupancy: 0.7 }).agents, 15);
    assert.equal(requiredAgents({ ...base, maxOccupancy: 0.5 }).agents, 20);
  });
});

describe('ERLANG.md example 2: 600 calls per hour, AHT 120 s, P(wait) ≤ 15 %', () => {
  const load = offeredLoad(600, 3600, 120);

  test('26 agents, P(wait) 0.143400, ASA 2.868 s', () => {
    assert.equal(load, 20);
    const agents = findAgentsForWaitProbability(load, 0.15);
    assert.equal(agents, 26);
    assertPublished(probabilityOfWaiting(26, load), '0.143400', 'P(wait)');
    assertPublished(averageSpeedOfAnswer(26, load, 120), '2.868', 'ASA');
    assert.ok(probabilityOfWaiting(25, load) > 0.15, 'one agent fewer misses the target');
  });

  test('30 agents: P(wait) 0.024950', () => assertPublished(probabilityOfWaiting(30, load), '0.024950', 'P(wait)'));
});

describe('edges', () => {
  test('N ≤ A: every call waits, none in time, the wait has no end, agents are fully busy', () => {
    for (const n of [0, 5, 10]) {
      assert.equal(probabilityOfWaiting(n, 10), 1);
      assert.equal(serviceLevel(n, 10, 180, 20), 0);
      assert.equal(averageSpeedOfAnswer(n, 10, 180), Infinity);
      assert.equal(occupancy(n, 10), 1);
    }
  });

  test('no calls need no agents; any call needs at least one', () => {
    const none = requiredAgents({ callsPerInterval: 0, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20 });
    assert.deepEqual({ agents: none.agents, scheduled: none.scheduledAgents, sl: none.serviceLevel }, { agents: 0, scheduled: 0, sl: 1 });
    const one = requiredAgents({ callsPerInterval: 1, intervalSeconds: 86_400, ahtSeconds: 1, targetServiceLevel: 0.99, targetSeconds: 0 });
    assert.equal(one.agents, 1);
  });

  test('shrinkage rounds up, but never past a whole number floating point blurred', () => {
    assert.equal(scheduledAgents(14, 0.3), 20);
    assert.equal(scheduledAgents(1, 0.8), 5, '1 / 0.2 is 5.000000000000001 in binary');
    assert.equal(scheduledAgents(2, 0.92), 25, '2 / 0.08 is 25.000000000000014 in binary');
    assert.equal(scheduledAgents(14, 0.31), 21);
    assert.equal(scheduledAgents(14, 0), 14);
    assert.equal(scheduledAgents(0, 0.5), 0);
  });

  test('out-of-range arguments throw RangeError instead of answering NaN', () => {
    assert.throws(() => erlangB(2.5, 1), RangeError);
    assert.throws(() => erlangB(3, -1), RangeError);
    assert.throws(() => erlangB(3, Number.NaN), RangeError);
    assert.throws(() => scheduledAgents(10, 1), RangeError);
    assert.throws(() => offeredLoad(10, 0, 180), RangeError);
    assert.throws(() => serviceLevel(12, 10, 0, 20), RangeError);
    const base = { callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20 };
    for (const bad of [{ targetServiceLevel: 1 }, { targetServiceLevel: 0 }, { maxOccupancy: 0 }, { shrinkage: 1 }, { targetSeconds: -1 }]) {
      assert.throws(() => requiredAgents({ ...base, ...bad }), RangeError, JSON.stringify(bad));
    }
  });

  test('past the search limit: findRequiredAgents answers undefined, requiredAgents throws', () => {
    const target = { callsPerInterval: 1000, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20, maxAgents: 100 };
    assert.equal(findRequiredAgents(target), undefined);
    assert.throws(() => requiredAgents(target), RangeError);
    assert.equal(findRequiredAgents({ ...target, callsPerInterval: 100 })?.agents, 14);
  });
});

describe('properties over seeded random inputs', () => {
  const random = seededRandom(20261123);
  const cases = Array.from({ length: 300 }, () => {
    const load = random() < 0.2 ? random() * 3 : random() * 400;
    return {
      load, ahtSeconds: 30 + random() * 600, targetSeconds: Math.floor(random() * 60),
      targetServiceLevel: 0.5 + random() * 0.49, maxOccupancy: random() < 0.5 ? 0.6 + random() * 0.4 : undefined,
    };
  });

  test('more agents: service level up, ASA down, P(wait) down', () => {
    for (const c of cases) {
      const first = Math.floor(c.load) + 1;
      let previous = { sl: -Infinity, asa: Infinity, wait: Infinity };
      for (let n = first; n < first + 25; n++) {
        const now = {
          sl: serviceLevel(n, c.load, c.ahtSeconds, c.targetSeconds),
          asa: averageSpeedOfAnswer(n, c.load, c.ahtSeconds),
          wait: probabilityOfWaiting(n, c.load),
        };
        for (const value of Object.values(now)) assert.ok(Number.isFinite(value), `${JSON.stringify(c)} N=${n}`);
        assert.ok(now.sl >= previous.sl, `SL fell at N=${n} for ${JSON.stringify(c)}`);
        assert.ok(now.asa <= previous.asa, `ASA rose at N=${n} for ${JSON.stringify(c)}`);
        assert.ok(now.wait <= previous.wait, `P(wait) rose at N=${n} for ${JSON.stringify(c)}`);
        previous = now;
      }
    }
  });

  test('the answer exceeds the load, meets every target, and is the smallest that does', () => {
    for (const c of cases) {
      const staffing = requiredAgents({ callsPerInterval: c.load, intervalSeconds: c.ahtSeconds, ...c });
      const label = JSON.stringify(c);
      const load = staffing.offeredLoad;
      assert.ok(Math.abs(load - c.load) <= 1e-9 * c.load, label);
      assert.ok(staffing.agents > load, `N ≤ A for ${label}`);
      assert.ok(staffing.serviceLevel >= c.targetServiceLevel, label);
      assert.equal(staffing.occupancy, load / staffing.agents, label);
      if (c.maxOccupancy !== undefined) assert.ok(staffing.occupancy <= c.maxOccupancy, label);
      const fewer = staffing.agents - 1;
      if (fewer > load) {
        const slFewer = serviceLevel(fewer, load, c.ahtSeconds, c.targetSeconds);
        const occFewer = occupancy(fewer, load);
        assert.ok(slFewer < c.targetServiceLevel || (c.maxOccupancy !== undefined && occFewer > c.maxOccupancy), `N − 1 would do for ${label}`);
      }
    }
  });
});

describe('very large loads', () => {
  for (const load of [2_000, 10_000]) {
    test(`A = ${load} erlangs: finite figures, quickly`, () => {
      const started = performance.now();
      const staffing = requiredAgents({ callsPerInterval: load * 10, intervalSeconds: 1800, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3 });
      const elapsed = performance.now() - started;
      for (const [key, value] of Object.entries(staffing)) assert.ok(Number.isFinite(value), `${key} = ${value}`);
      assert.equal(staffing.offeredLoad, load);
      assert.ok(staffing.agents > load && staffing.agents < load * 1.05, `${staffing.agents} agents`);
      assert.ok(staffing.serviceLevel >= 0.8);
      assert.ok(serviceLevel(staffing.agents - 1, load, 180, 20) < 0.8, 'one fewer misses the target');
      assert.ok(elapsed < 50, `took ${elapsed.toFixed(1)} ms`);
    });
  }

  test('Erlang B stays a probability where the factorial form would overflow', () => {
    const b = erlangB(5_000, 5_000);
    assert.ok(b > 0 && b < 1, String(b));
    const c = probabilityOfWaiting(5_100, 5_000);
    assert.ok(c > 0 && c < 1, String(c));
  });
});
