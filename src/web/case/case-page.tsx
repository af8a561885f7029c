import { useCallback } from 'react';
import { getCase, getTimeline } from '../api/cases.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { groupReference } from '../common/format.ts';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useIntakeSchema } from '../protocols/protocol-context.ts';
import { Link } from '../router/link.tsx';
import { casePath } from '../router/routes.ts';
import { useApi, useMe } from '../session/session-context.ts';
import { DispatchCard } from '../dispatch/dispatch-card.tsx';
import { CaseHeader } from './case-header.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { CustomerCard } from './customer-card.tsx';
import { IntakeCard } from './intake-card.tsx';
import { NoteForm } from './note-form.tsx';
import { StatusActions } from './status-actions.tsx';

export function CasePage({ reference }: { reference: string }) {
  const { t } = useI18n();
  const api = useApi();
  const canDispatch = ['admin', 'operator'].includes(useMe().user.role);
  const caseState = useAsync((signal) => getCase(api, reference, signal), [api, reference]);
  const item = caseState.data;
  const caseId = item?.id;
  const timeline = useAsync(
    (signal) => (caseId ? getTimeline(api, caseId, signal) : new Promise<never>(() => undefined)),
    [api, caseId],
  );
  const schema = useIntakeSchema(item?.tenantId);
  useDocumentTitle(t('case.title', { reference: groupReference(item?.reference ?? reference) }));

  const reloadCase = caseState.reload;
  const reloadTimeline = timeline.reload;
  const refresh = useCallback(() => {
    reloadCase();
    reloadTimeline();
  }, [reloadCase, reloadTimeline]);

  if (!item) {
    return (
      <section className="page">
        {caseState.status === 'failed' ? (
          <>
            <ErrorNotice error={caseState.error} onRetry={caseState.reload} />
            <Link to="/cases" className="button">
              {t('case.back')}
            </Link>
          </>
        ) : (
          <LoadingState />
        )}
      </section>
    );
  }

  return (
    <article className="page case-page" aria-busy={caseState.status === 'loading'}>
      <CaseHeader item={item} />
      {caseState.status === 'failed' ? <ErrorNotice error={caseState.error} onRetry={caseState.reload} /> : null}
      {item.duplicateOf ? (
        <p className="notice notice--warning">
          {t('case.duplicateNotice')} <Link to={casePath(item.duplicateOf)}>{t('case.openOriginal')}</Link>
        </p>
      ) : null}
      <div className="case-page__grid">
        <div className="case-page__main">
          <CustomerCard item={item} />
          <IntakeCard item={item} schema={schema} />
          <CaseTimeline timeline={timeline} schema={schema} />
        </div>
        <aside className="case-page__side">
          <StatusActions item={item} onChanged={refresh} />
          {canDispatch ? <DispatchCard item={item} onChanged={refresh} /> : null}
          <NoteForm caseId={item.id} onAdded={refresh} />
        </aside>
      </div>
    </article>
  );
}
