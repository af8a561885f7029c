import { useState, type FormEvent } from 'react';
import type { TPortalTenant } from '../../shared/api/knowledge.ts';
import type { TPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { newCasePath, portalPath } from './portal-paths.ts';

export function PortalHome({ portal, code, tenant }: { portal: TPortalApi; code: string; tenant: TPortalTenant }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const hits = useAsync((signal) => (query ? portal.search(query, language, signal) : Promise.resolve(null)), [portal, query, language]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
  };

  return (
    <div className="portal-home">
      <h1 className="page__title">{t('portal.welcome')}</h1>
      <nav className="portal-actions" aria-label={t('portal.actions')}>
        {tenant.trees.map((tree) => (
          <Link key={tree.slug} to={portalPath(code, `/diagnosis/${tree.slug}`)} className="portal-action">
            <strong>{tree.title}</strong>
            <span className="muted">{t('portal.diagnosisHint')}</span>
          </Link>
        ))}
        <Link to={portalPath(code, '/status')} className="portal-action">
          <strong>{t('portal.statusTitle')}</strong>
          <span className="muted">{t('portal.statusHint')}</span>
        </Link>
        <Link to={newCasePath(code, {})} className="portal-action">
          <strong>{t('portal.newCaseTitle')}</strong>
          <span className="muted">{t('portal.newCaseHint')}</span>
        </Link>
      </nav>
      <section aria-labelledby="portal-search-title" className="portal-section">
        <h2 id="portal-search-title">{t('portal.searchTitle')}</h2>
        <form className="portal-search" role="search" onSubmit={submit}>
          <label htmlFor="portal-q" className="visually-hidden">{t('portal.searchLabel')}</label>
          <input id="portal-q" type="search" value={draft} placeholder={t('portal.searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button button--primary">{t('portal.searchButton')}</button>
        </form>
        <div aria-live="polite">
          {hits.status === 'failed' ? <ErrorNotice error={hits.error} /> : null}
          {hits.data && hits.data.length === 0 ? <p className="muted">{t('portal.noResults')}</p> : null}
          {hits.data && hits.data.length > 0 ? (
            <ul className="kb-hits" data-testid="portal-hits">
              {hits.data.map((hit) => (
                <li key={hit.entryId}>
                  <Link to={portalPath(code, `/${hit.kind === 'article' ? 'articles' : 'diagnosis'}/${hit.slug}`)}>{hit.title}</Link>
                  <p className="muted">{hit.summary}</p>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>
    </div>
  );
}
