import { useState } from 'react';
import { listEntries } from '../api/knowledge.ts';
import { listTenants } from '../api/tenants.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { useApi, useMe } from '../session/session-context.ts';
import { KnowledgePanel } from './knowledge-panel.tsx';

/** The knowledge base for staff: the operators' panel on its own, and for administrators the entries to edit. */
export function KnowledgePage() {
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  useDocumentTitle(t('kb.title'));
  const tenants = useAsync((signal) => listTenants(api, signal), [api]);
  const [chosen, setChosen] = useState('');
  const tenantId = chosen || tenants.data?.[0]?.id || '';
  const isAdmin = me.user.role === 'admin';

  return (
    <section className="page" aria-labelledby="kb-title">
      <header className="page__header">
        <h1 className="page__title" id="kb-title">{t('kb.title')}</h1>
        {isAdmin ? <Link className="button button--primary" to="/knowledge/new">{t('kb.new')}</Link> : null}
      </header>
      {tenants.status === 'loading' ? <LoadingState /> : null}
      {tenants.status === 'failed' ? <ErrorNotice error={tenants.error} onRetry={tenants.reload} /> : null}
      {tenants.data && tenants.data.length > 1 ? (
        <div className="toolbar">
          <div className="field field--inline">
            <label htmlFor="kb-tenant">{t('kb.tenant')}</label>
            <select id="kb-tenant" value={tenantId} onChange={(e) => setChosen(e.target.value)}>
              {tenants.data.map((tenant) => <option key={tenant.id} value={tenant.id}>{tenant.name}</option>)}
            </select>
          </div>
        </div>
      ) : null}
      {tenantId ? <KnowledgePanel key={tenantId} tenantId={tenantId} /> : null}
      {isAdmin && tenantId ? <EntryList tenantId={tenantId} /> : null}
    </section>
  );
}

function EntryList({ tenantId }: { tenantId: string }) {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  const entries = useAsync((signal) => listEntries(api, tenantId, signal), [api, tenantId]);
  return (
    <section className="kb-entries" aria-labelledby="kb-entries-title">
      <h2 id="kb-entries-title">{t('kb.entries')}</h2>
      {entries.status === 'failed' ? <ErrorNotice error={entries.error} onRetry={entries.reload} /> : null}
      <div className="table-wrap">
        <table className="kb-entries__table">
          <thead>
            <tr><th scope="col">{t('kb.entryTitle')}</th><th scope="col">{t('kb.kind')}</th><th scope="col">{t('kb.status')}</th><th scope="col">{t('kb.updated')}</th></tr>
          </thead>
          <tbody>
            {(entries.data ?? []).map((e) => (
              <tr key={e.id}>
                <td><Link to={`/knowledge/entries/${e.id}`}>{e.title || e.slug}</Link> <span className="muted mono">{e.slug}</span>{e.tenantId === null ? <span className="kb-shared"> {t('kb.shared')}</span> : null}</td>
                <td>{t(e.kind === 'article' ? 'kb.article' : 'kb.tree')}</td>
                <td><span className={`kb-state kb-state--${e.status}`}>{t(`kb.state.${e.status}`)}</span></td>
                <td>{formatDateTime(e.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
