/**
 * A small registry in the Prometheus text exposition format (version 0.0.4). Features register
 * their metrics at the composition root with a `collect` callback read at scrape time, so a
 * gauge is never stale and nothing here holds state of its own.
 */
export type MetricType = 'counter' | 'gauge';

export interface MetricSample {
  labels?: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricDefinition {
  name: string;
  help: string;
  type: MetricType;
  collect: () => MetricSample[] | Promise<MetricSample[]>;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatSample(name: string, sample: MetricSample): string {
  const labels = Object.entries(sample.labels ?? {});
  for (const [label] of labels) if (!labelName.test(label) || label.startsWith('__')) throw new Error(`invalid label name ${label} on ${name}`);
  const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
  return `${name}${text} ${formatValue(sample.value)}`;
}

export function createMetricsRegistry() {
  const metrics = new Map<string, MetricDefinition>();
  return {
    register(definition: MetricDefinition): void {
      if (!metricName.test(definition.name)) throw new Error(`invalid metric name ${definition.name}`);
      if (definition.type === 'counter' && !definition.name.endsWith('_total')) throw new Error(`a counter's name ends in _total: ${definition.name}`);
      if (metrics.has(definition.name)) throw new Error(`metric ${definition.name} registered twice`);
      metrics.set(definition.name, definition);
    },

    /** Every metric, collected in parallel; one failing collector is reported as a scrape error instead of hiding the others. */
    async render(): Promise<string> {
      const blocks = await Promise.all([...metrics.values()].map(async (metric) => {
        try {
          const samples = await metric.collect();
          return [`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`, ...samples.map((s) => formatSample(metric.name, s))];
        } catch {
          return [] as string[];
        }
      }));
      const failed = blocks.filter((block) => block.length === 0).length;
      const tail = [
        '# HELP centralita_metrics_collect_errors Metrics whose collection failed in this scrape',
        '# TYPE centralita_metrics_collect_errors gauge',
        `centralita_metrics_collect_errors ${failed}`,
      ];
      return `${[...blocks.flat(), ...tail].join('\n')}\n`;
    },
  };
}

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;
