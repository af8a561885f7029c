import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { billedSeconds } from '../../../src/server/reports/billing-rounding.ts';

describe('billing rounding rules', () => {
  const cases: [number, Record<string, number>][] = [
    [0, { per_second: 0, per_minute: 0, '60/6': 0, '30/6': 0 }],
    [0.2, { per_second: 1, per_minute: 60, '60/6': 60, '30/6': 30 }],
    [1, { per_second: 1, per_minute: 60, '60/6': 60, '30/6': 30 }],
    [29.5, { per_second: 30, per_minute: 60, '60/6': 60, '30/6': 30 }],
    [31, { per_second: 31, per_minute: 60, '60/6': 60, '30/6': 36 }],
    [60, { per_second: 60, per_minute: 60, '60/6': 60, '30/6': 60 }],
    [61, { per_second: 61, per_minute: 120, '60/6': 66, '30/6': 66 }],
    [66, { per_second: 66, per_minute: 120, '60/6': 66, '30/6': 66 }],
    [66.01, { per_second: 67, per_minute: 120, '60/6': 72, '30/6': 72 }],
    [185, { per_second: 185, per_minute: 240, '60/6': 186, '30/6': 186 }],
  ];
  for (const [seconds, expected] of cases) {
    test(`${seconds} s`, () => {
      for (const [rule, billed] of Object.entries(expected)) assert.equal(billedSeconds(seconds, rule as never), billed, rule);
    });
  }

  test('never bills less than the call lasted, nor a block more than needed', () => {
    for (let tenths = 1; tenths < 4000; tenths += 7) {
      const seconds = tenths / 10;
      for (const [rule, increment] of [['per_second', 1], ['per_minute', 60], ['60/6', 6], ['30/6', 6]] as const) {
        const billed = billedSeconds(seconds, rule);
        assert.ok(billed >= seconds, `${rule} ${seconds}`);
        assert.ok(billed - seconds < Math.max(increment, rule === '60/6' ? 60 : rule === '30/6' ? 30 : increment), `${rule} ${seconds}`);
      }
    }
  });
});
