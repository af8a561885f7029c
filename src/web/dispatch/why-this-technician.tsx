import type { TStoredDecision } from '../../shared/api/dispatch.ts';
import { scoreParts } from '../../shared/dispatch-policy.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';

const percent = (value: number) => `${Math.round(value * 100)}`;

/** Every candidate the decision looked at, its scores and, for those left out, the filter that did it. */
export function WhyThisTechnician({ decision }: { decision: TStoredDecision }) {
  const { t } = useI18n();
  if (decision.manual) return <p className="muted">{t('dispatch.manualBy')}</p>;
  const parts = scoreParts.filter((part) => decision.weights[part] > 0);
  return (
    <details className="why" open data-testid="why-this-technician">
      <summary>{t('dispatch.why')}</summary>
      <p className="muted why__summary">
        {decision.onCallFallback || decision.mode === 'on_call' ? `${t('dispatch.onCall')}. ` : ''}
        {decision.travel === 'road' ? `${t('dispatch.road')}. ` : ''}
      </p>
      <div className="why__scroll">
        <table className="why__table">
          <thead>
            <tr>
              <th scope="col">{t('dispatch.technician')}</th>
              <th scope="col">{t('dispatch.score.total')}</th>
              {parts.map((part) => (
                <th scope="col" key={part}>
                  {t(`dispatch.score.${part}` as TMessageKey)} <span className="muted">×{percent(decision.weights[part])}%</span>
                </th>
              ))}
              <th scope="col">km</th>
            </tr>
          </thead>
          <tbody>
            {decision.candidates.map((c) => (
              <tr key={c.technicianId} className={c.technicianId === decision.chosen ? 'why__chosen' : c.eligible ? '' : 'why__excluded'}>
                <th scope="row">
                  {c.technicianName || c.technicianId}
                  <span className="why__verdict">{c.eligible ? t('dispatch.eligible') : t(`dispatch.excluded.${c.excludedBy ?? 'state'}` as TMessageKey)}</span>
                </th>
                <td>{c.eligible ? percent(c.total) : '—'}</td>
                {parts.map((part) => (
                  <td key={part}>{percent(c.scores[part])}</td>
                ))}
                <td>{c.distanceKm.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
