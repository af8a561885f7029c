import { useState } from 'react';
import { readPublicStatus } from '../api/dispatch.ts';
import { StatusBadge } from '../cases/status-badge.tsx';
import { groupReference } from '../common/format.ts';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { usePolling } from '../common/use-polling.ts';
import { fragmentToken } from '../field/sign-in-page.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { PublicFrame } from './public-frame.tsx';

/** The customer's view of their case from the link in a message: no login, no personal data. */
export function PublicStatusPage() {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  useDocumentTitle(t('publicStatus.title'));
  const [token] = useState(fragmentToken);
  const status = useAsync((signal) => readPublicStatus(api, token, signal), [api, token]);
  usePolling(status.reload, 60_000);
  const data = status.data;
  return (
    <PublicFrame title={t('publicStatus.title')}>
      {!data && status.status === 'loading' ? <LoadingState /> : null}
      {!data && status.status === 'failed' ? <p className="notice notice--error" role="alert">{t('publicStatus.invalid')}</p> : null}
      {data ? (
        <div aria-live="polite" data-testid="public-status">
          <p className="public__reference">{t('publicStatus.reference', { reference: groupReference(data.reference) })} · {data.tenantName}</p>
          <p><StatusBadge status={data.status} /></p>
          {data.technicianName ? <p>{t('publicStatus.technician', { name: data.technicianName.split(' ')[0] ?? '' })}</p> : null}
          <ol className="public__steps">
            {data.steps.map((step, i) => (
              <li key={`${step.status}-${i}`}>
                <span>{t(`status.${step.status}`)}</span> <span className="muted">{formatDateTime(step.at)}</span>
              </li>
            ))}
          </ol>
          <p className="muted">{t('publicStatus.updated', { at: formatDateTime(data.updatedAt) })}</p>
        </div>
      ) : null}
    </PublicFrame>
  );
}
