import { useState, type FormEvent } from 'react';
import type { TErlangCResult } from '../../shared/api/staffing.ts';
import { getErlangC } from '../api/reports.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useApi } from '../session/session-context.ts';
import { useReportFormat } from './use-report-format.ts';

type TInputs = { calls: string; interval: string; aht: string; target: string; seconds: string; occupancy: string; shrinkage: string };
const fields: readonly [keyof TInputs, TMessageKey][] = [
  ['calls', 'reports.whatIf.calls'], ['interval', 'reports.whatIf.interval'], ['aht', 'reports.whatIf.aht'], ['target', 'reports.whatIf.target'],
  ['seconds', 'reports.whatIf.seconds'], ['occupancy', 'reports.whatIf.occupancy'], ['shrinkage', 'reports.whatIf.shrinkage'],
];

/** Erlang C on demand: change a figure, see the agents it takes (the server does the arithmetic, as for the plan). */
export function WhatIfCalculator() {
  const { t } = useI18n();
  const api = useApi();
  const f = useReportFormat();
  const [inputs, setInputs] = useState<TInputs>({ calls: '100', interval: '1800', aht: '180', target: '80', seconds: '20', occupancy: '85', shrinkage: '30' });
  const [result, setResult] = useState<TErlangCResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const percent = (value: string) => (value.trim() === '' ? undefined : String(Number(value) / 100));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setResult(await getErlangC(api, {
        callsPerInterval: inputs.calls, intervalSeconds: inputs.interval, ahtSeconds: inputs.aht, targetServiceLevel: percent(inputs.target),
        targetSeconds: inputs.seconds, maxOccupancy: percent(inputs.occupancy), shrinkage: percent(inputs.shrinkage),
      }));
    } catch (caught) {
      setResult(null);
      setError(caught);
    }
  };

  return (
    <section className="report-panel" aria-labelledby="what-if-title">
      <h2 className="report-panel__title" id="what-if-title">{t('reports.whatIf.title')}</h2>
      <form className="what-if" onSubmit={submit} data-testid="what-if">
        {fields.map(([name, label]) => (
          <div className="field" key={name}>
            <label htmlFor={`what-if-${name}`}>{t(label)}</label>
            <input id={`what-if-${name}`} name={name} inputMode="decimal" value={inputs[name]} onChange={(e) => setInputs({ ...inputs, [name]: e.target.value })} />
          </div>
        ))}
        <button type="submit" className="button button--primary">{t('reports.whatIf.calculate')}</button>
      </form>
      <div aria-live="polite">
        {error ? <ErrorNotice error={error} /> : null}
        {result ? (
          <div className="what-if__result" data-testid="what-if-result">
            <strong>{t('reports.whatIf.result', { agents: result.agents, scheduled: result.scheduledAgents })}</strong>
            <span>{t('reports.whatIf.detail', { sl: f.percent(result.serviceLevel), wait: f.percent(result.probabilityOfWaiting), asa: f.number(result.averageSpeedOfAnswer), occupancy: f.percent(result.occupancy) })}</span>
          </div>
        ) : null}
      </div>
    </section>
  );
}
