import { useState, type FormEvent } from 'react';
import type { TKbSearchHit } from '../../shared/api/knowledge.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import { labelIn, type TTreeContent } from '../../shared/knowledge.ts';
import { getPublished, recordKnowledgeUse, searchKnowledge } from '../api/knowledge.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { ArticleView } from './article-view.tsx';
import { TreeWalk } from './tree-walk.tsx';

export type TKnowledgePanelProps = {
  tenantId: string;
  /** The caller on the line, offered as the recipient when sending an article. */
  callerPhone?: string;
  callerEmail?: string;
  /** Called when a guided script ends in "open a case", with the intake its answers established. */
  onOpenCase?: (intake: TIntakeValues) => void;
};

/**
 * The knowledge base on an operator's screen: search the published articles and trees, read an
 * article, follow a tree as a guided script, send an article to the caller. Self-contained, so the
 * operator console embeds it beside a call; the /knowledge page shows it on its own.
 */
export function KnowledgePanel({ tenantId, callerPhone, callerEmail, onOpenCase }: TKnowledgePanelProps) {
  const { t, language } = useI18n();
  const api = useApi();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<TKbSearchHit | null>(null);
  const hits = useAsync((signal) => searchKnowledge(api, tenantId, query, language, signal), [api, tenantId, query, language]);
  const entry = useAsync(
    (signal) => (selected ? getPublished(api, tenantId, selected.kind, selected.slug, signal) : Promise.resolve(null)),
    [api, tenantId, selected?.slug, selected?.kind],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
    setSelected(null);
  };
  const open = (hit: TKbSearchHit) => {
    setSelected(hit);
    void recordKnowledgeUse(api, { tenantId, entryId: hit.entryId, kind: 'viewed' }).catch(() => undefined);
  };

  return (
    <section className="kb-panel" aria-label={t('kb.panel')} data-testid="knowledge-panel">
      <form className="kb-panel__search" role="search" onSubmit={submit}>
        <label htmlFor={`kb-q-${tenantId}`} className="visually-hidden">{t('kb.search')}</label>
        <input id={`kb-q-${tenantId}`} type="search" value={draft} placeholder={t('kb.searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">{t('kb.searchButton')}</button>
      </form>
      <div className="kb-panel__body">
        <div className="kb-panel__results" aria-live="polite">
          {hits.status === 'loading' ? <LoadingState /> : null}
          {hits.status === 'failed' ? <ErrorNotice error={hits.error} onRetry={hits.reload} /> : null}
          {hits.data && hits.data.length === 0 ? <p className="muted">{t('kb.noResults')}</p> : null}
          <ul className="kb-hits" data-testid="kb-hits">
            {(hits.data ?? []).map((hit) => (
              <li key={hit.entryId}>
                <button type="button" className="kb-hit" aria-pressed={selected?.entryId === hit.entryId} onClick={() => open(hit)}>
                  <span className="kb-hit__kind">{t(hit.kind === 'article' ? 'kb.article' : 'kb.tree')}</span>
                  <strong>{hit.title}</strong>
                  <span className="muted">{hit.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="kb-panel__view">
          {selected && entry.status === 'loading' ? <LoadingState /> : null}
          {entry.status === 'failed' ? <ErrorNotice error={entry.error} /> : null}
          {entry.data?.kind === 'article' ? (
            <ArticleView tenantId={tenantId} slug={entry.data.slug} content={entry.data.content} callerPhone={callerPhone} callerEmail={callerEmail} />
          ) : null}
          {entry.data?.kind === 'tree' ? (
            <div className="kb-script">
              <h2>{labelIn((entry.data.content as TTreeContent).title, language)}</h2>
              <TreeWalk
                key={entry.data.entryId}
                tree={entry.data.content as TTreeContent}
                language={language}
                renderSolution={(slug) => <SolutionArticle tenantId={tenantId} slug={slug} callerPhone={callerPhone} callerEmail={callerEmail} />}
                renderCase={(intake) => (
                  <div className="notice notice--info">
                    <p className="notice__title">{t('kb.scriptCase')}</p>
                    <ul>{Object.entries(intake).map(([k, v]) => <li key={k}><code>{k}</code> {String(v)}</li>)}</ul>
                    {onOpenCase ? <button type="button" className="button button--primary" onClick={() => onOpenCase(intake)}>{t('kb.openCase')}</button> : null}
                  </div>
                )}
              />
            </div>
          ) : null}
          {!selected ? <p className="muted">{t('kb.pick')}</p> : null}
        </div>
      </div>
    </section>
  );
}

function SolutionArticle({ tenantId, slug, callerPhone, callerEmail }: { tenantId: string; slug: string; callerPhone?: string; callerEmail?: string }) {
  const api = useApi();
  const article = useAsync((signal) => getPublished(api, tenantId, 'article', slug, signal), [api, tenantId, slug]);
  if (article.status === 'loading') return <LoadingState />;
  if (article.status === 'failed') return <ErrorNotice error={article.error} />;
  return <ArticleView tenantId={tenantId} slug={slug} content={article.data.content} callerPhone={callerPhone} callerEmail={callerEmail} compact />;
}
