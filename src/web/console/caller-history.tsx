import type { TScreenPop } from '../../shared/api/operators.ts';
import { callOutcomeLabel } from '../common/call-outcome.ts';
import { groupReference } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { casePath } from '../router/routes.ts';

type TOpenCase = TScreenPop['openCases'][number];

function CaseLine({ item, onUse, chosen }: { item: TOpenCase; onUse?: (caseId: string) => void; chosen?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className={chosen ? 'pop-case pop-case--chosen' : 'pop-case'} data-testid="pop-case" data-reference={item.reference}>
      <div>
        <Link to={casePath(item.reference)} className="pop-case__reference" target="_blank">
          {groupReference(item.reference)}
        </Link>{' '}
        <span className={`badge badge--${item.status}`}>
          <span className="badge__dot" aria-hidden="true" />
          {t(`status.${item.status}`)}
        </span>
        <div className="muted pop-case__meta">
          {i18n.formatDate(item.createdAt)}
          {item.description ? ` · ${item.description}` : ''}
        </div>
      </div>
      {onUse && !chosen ? (
        <button type="button" className="button button--small" onClick={() => onUse(item.id)}>
          {t('console.pop.useCase')}
        </button>
      ) : null}
    </li>
  );
}

type TOpenCasesProps = { pop: TScreenPop; chosenCaseId: string | undefined; onUse: (caseId: string) => void };

/** The caller's open cases, the likely duplicate first, each one a click away from being the case this call updates. */
export function OpenCases({ pop, chosenCaseId, onUse }: TOpenCasesProps) {
  const { t } = useI18n();
  const warning = pop.duplicateWarning;
  if (pop.openCases.length === 0 && !warning) return null;
  const ordered = [...pop.openCases].sort((a, b) => Number(b.id === warning?.caseId) - Number(a.id === warning?.caseId));
  return (
    <section className="pop-section" aria-labelledby="pop-open-title">
      <h3 className="card__subtitle" id="pop-open-title">
        {t('console.pop.openCases')}
      </h3>
      {warning ? (
        <p className="notice notice--warning" role="alert" data-testid="duplicate-warning">
          {t('console.pop.duplicate', { reference: groupReference(warning.reference), rule: t(`rule.${warning.rule}`) })}
        </p>
      ) : null}
      <ul className="pop-cases">
        {ordered.map((item) => (
          <CaseLine key={item.id} item={item} onUse={onUse} chosen={item.id === chosenCaseId} />
        ))}
      </ul>
    </section>
  );
}

export function CallerHistory({ pop }: { pop: TScreenPop }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { cases, calls } = pop.history;
  return (
    <section className="pop-section" aria-labelledby="pop-history-title">
      <h3 className="card__subtitle" id="pop-history-title">
        {t('console.pop.history')}
      </h3>
      {cases.length === 0 && calls.length === 0 ? <p className="muted">{t('console.pop.noHistory')}</p> : null}
      {cases.length > 0 ? (
        <ul className="pop-cases" aria-label={t('console.pop.pastCases')}>
          {cases.map((item) => (
            <CaseLine key={item.id} item={item} />
          ))}
        </ul>
      ) : null}
      {calls.length > 0 ? (
        <ul className="pop-calls" aria-label={t('console.pop.pastCalls')}>
          {calls.map((call) => (
            <li key={call.id}>
              {i18n.formatDateTime(call.startedAt)}
              {call.outcome ? ` · ${callOutcomeLabel(t, call.outcome)}` : ''}
              {call.caseReference ? ` · ${groupReference(call.caseReference)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
