import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsRegistry } from '../../../src/server/metrics/metrics-registry.ts';

describe('metrics registry (Prometheus text format)', () => {
  test('HELP, TYPE and one line per sample, labels escaped', async () => {
    const registry = createMetricsRegistry();
    registry.register({ name: 'desk_calls_total', help: 'Calls\nseen', type: 'counter', collect: () => [{ value: 3 }] });
    registry.register({ name: 'desk_queue', help: 'Queue', type: 'gauge', collect: async () => [{ labels: { queue: 'a"b\\c' }, value: 2 }, { labels: { queue: 'x' }, value: Infinity }] });
    const text = await registry.render();
    assert.equal(text, [
      '# HELP desk_calls_total Calls\\nseen', '# TYPE desk_calls_total counter', 'desk_calls_total 3',
      '# HELP desk_queue Queue', '# TYPE desk_queue gauge', 'desk_queue{queue="a\\"b\\\\c"} 2', 'desk_queue{queue="x"} +Inf',
      '# HELP centralita_metrics_collect_errors Metrics whose collection failed in this scrape', '# TYPE centralita_metrics_collect_errors gauge',
      'centralita_metrics_collect_errors 0', '',
    ].join('\n'));
  });

  test('a failing collector is counted, the others still answer', async () => {
    const registry = createMetricsRegistry();
    registry.register({ name: 'ok_gauge', help: 'ok', type: 'gauge', collect: () => [{ value: 1 }] });
    registry.register({ name: 'broken_gauge', help: 'broken', type: 'gauge', collect: () => { throw new Error('database down'); } });
    const text = await registry.render();
    assert.match(text, /^ok_gauge 1$/m);
    assert.doesNotMatch(text, /broken_gauge/);
    assert.match(text, /^centralita_metrics_collect_errors 1$/m);
  });

  test('names are checked when registered', () => {
    const registry = createMetricsRegistry();
    assert.throws(() => registry.register({ name: 'bad-name', help: '', type: 'gauge', collect: () => [] }));
    assert.throws(() => registry.register({ name: 'calls', help: '', type: 'counter', collect: () => [] }), /_total/);
    registry.register({ name: 'calls_total', help: '', type: 'counter', collect: () => [] });
    assert.throws(() => registry.register({ name: 'calls_total', help: '', type: 'counter', collect: () => [] }), /twice/);
  });
});
