import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveCost, deriveFigures, emptyCounts, sumCounts } from '../../../src/server/reports/derive-figures.ts';
import { builtInReportSettings } from '../../../src/server/reports/report-settings-repository.ts';

describe('derived report figures', () => {
  test('an empty bucket divides by nothing: averages and shares are null, counts zero', () => {
    const figures = deriveFigures(emptyCounts());
    assert.equal(figures.offered, 0);
    for (const key of ['averageSpeedOfAnswer', 'serviceLevel', 'averageHandleTime', 'ivrContainment', 'firstContactResolution', 'averageTimeToAcceptance'] as const) {
      assert.equal(figures[key], null, key);
    }
  });

  test('service level leaves out callers who hung up within 5 s', () => {
    const counts = { ...emptyCounts(), offered: 100, answered: 80, answeredInTarget: 72, abandoned: 20, abandoned5: 10, answerSeconds: 800 };
    const figures = deriveFigures(counts);
    assert.equal(figures.serviceLevel, 72 / 90);
    assert.equal(figures.averageSpeedOfAnswer, 10);
    assert.equal(figures.abandonedAfter['0-5'], 10);
    assert.equal(figures.abandonedAfter['120+'], 10, 'the rest of the abandoned calls waited longest');
  });

  test('averages of a period come from summed counts, not from averaging averages', () => {
    const busy = { ...emptyCounts(), answered: 90, answerSeconds: 900 };
    const quiet = { ...emptyCounts(), answered: 10, answerSeconds: 1000 };
    assert.equal(deriveFigures(sumCounts([busy, quiet])).averageSpeedOfAnswer, 19);
  });

  test('cost: seat time at the hourly price plus billed minutes; missed calls valued apart', () => {
    const settings = { ...builtInReportSettings, seatCostPerHour: 30, telephonyCostPerMinute: 0.05, missedCallValue: 12 };
    const usage = { calls: 40, answeredCalls: 40, inbound: 40, talkSeconds: 0, billedSeconds: 6000, messages: 0, dispatches: 0, casesOpened: 8, handled: 30, handleSeconds: 7200, abandoned: 5 };
    const cost = deriveCost(usage, settings);
    assert.equal(cost.seatCost, 60);
    assert.equal(cost.telephonyCost, 5);
    assert.equal(cost.totalCost, 65);
    assert.equal(cost.costPerCall, 1.63);
    assert.equal(cost.costPerCase, 8.13);
    assert.equal(cost.missedCallsCost, 60);
    assert.equal(deriveCost({ ...usage, inbound: 0, casesOpened: 0 }, settings).costPerCall, null);
  });
});
