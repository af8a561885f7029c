import { useEffect, useState } from 'react';
import type { TKbEntryDetail } from '../../shared/api/knowledge.ts';
import { ZTreeContent, type TArticleContent, type TKbKind, type TTreeContent } from '../../shared/knowledge.ts';
import { createEntry, getEntry, getHistory, publishEntry, saveDraft } from '../api/knowledge.ts';
import { listTenants } from '../api/tenants.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { navigate } from '../router/history.ts';
import { useApi, useMe } from '../session/session-context.ts';
import { ArticleFields } from './article-fields.tsx';
import { EntryHistory } from './entry-history.tsx';
import { TreeWalk } from './tree-walk.tsx';

const newArticle: TArticleContent = { variants: { es: { title: '', summary: '', body: '' } } };
const newTree: TTreeContent = {
  title: { es: '' }, start: 'start',
  nodes: { start: { question: { es: '' }, answers: [{ label: { es: '' }, openCase: true }] } },
};

/** Writes an article or a tree: drafts are saved as often as wanted; publishing puts one version on every channel. */
export function EntryEditor({ id }: { id?: string }) {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useAsync((signal) => (id ? getEntry(api, id, signal) : Promise.resolve(null)), [api, id]);
  const history = useAsync((signal) => (id ? getHistory(api, id, signal) : Promise.resolve([])), [api, id, loaded.data?.latestVersion]);
  useDocumentTitle(loaded.data?.title || t('kb.new'));
  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'failed') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  return (
    <section className="page" aria-labelledby="kb-editor-title">
      <EditorForm key={loaded.data?.latestVersion ?? 'new'} entry={loaded.data} onSaved={loaded.reload} />
      {history.data && history.data.length > 0 ? <EntryHistory versions={history.data} /> : null}
    </section>
  );
}

function EditorForm({ entry, onSaved }: { entry: TKbEntryDetail | null; onSaved: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const me = useMe();
  const tenants = useAsync((signal) => listTenants(api, signal), [api]);
  const [kind, setKind] = useState<TKbKind>(entry?.kind ?? 'article');
  const [tenantId, setTenantId] = useState<string>(entry ? (entry.tenantId ?? '') : '');
  const [slug, setSlug] = useState(entry?.slug ?? '');
  const [note, setNote] = useState('');
  const [article, setArticle] = useState<TArticleContent>(entry?.kind === 'article' ? (entry.latest.content as TArticleContent) : newArticle);
  const [treeText, setTreeText] = useState(JSON.stringify(entry?.kind === 'tree' ? entry.latest.content : newTree, null, 2));
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'saved' | 'published' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });

  useEffect(() => {
    if (!entry && !tenantId && tenants.data?.[0]) setTenantId(tenants.data[0].id);
  }, [entry, tenantId, tenants.data]);

  let tree: TTreeContent | null = null;
  let treeProblem = '';
  if (kind === 'tree') {
    try {
      const parsed = ZTreeContent.safeParse(JSON.parse(treeText));
      if (parsed.success) tree = parsed.data;
      else treeProblem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    } catch (error) {
      treeProblem = (error as Error).message;
    }
  }
  const content = (): unknown => (kind === 'article' ? article : JSON.parse(treeText));

  const run = async (work: () => Promise<TKbEntryDetail>, done: 'saved' | 'published') => {
    setState({ kind: 'busy' });
    try {
      const saved = await work();
      setState({ kind: done });
      if (!entry) navigate(`/knowledge/entries/${saved.id}`, { replace: true });
      else onSaved();
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  const save = () =>
    run(() => (entry ? saveDraft(api, entry.id, { content: content(), note }) : createEntry(api, { tenantId: tenantId || null, kind, slug, content: content(), note })), 'saved');
  const publish = () => entry && run(() => publishEntry(api, entry.id, entry.latestVersion), 'published');

  return (
    <>
      <header className="page__header">
        <h1 className="page__title" id="kb-editor-title">{entry ? entry.title || entry.slug : t('kb.new')}</h1>
        {entry ? <span className={`kb-state kb-state--${entry.status}`}>{t(`kb.state.${entry.status}`)}</span> : null}
      </header>
      {!entry ? (
        <div className="form kb-editor__meta">
          <div className="field">
            <label htmlFor="kb-tenant-input">{t('kb.tenant')}</label>
            <select id="kb-tenant-input" value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
              {(tenants.data ?? []).map((tenant) => <option key={tenant.id} value={tenant.id}>{tenant.name}</option>)}
              {me.user.allTenants ? <option value="">{t('kb.sharedBase')}</option> : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kb-kind-input">{t('kb.kind')}</label>
            <select id="kb-kind-input" value={kind} onChange={(e) => setKind(e.target.value as TKbKind)}>
              <option value="article">{t('kb.article')}</option>
              <option value="tree">{t('kb.tree')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="kb-slug-input">{t('kb.slug')}</label>
            <input id="kb-slug-input" className="mono" value={slug} onChange={(e) => setSlug(e.target.value)} />
          </div>
        </div>
      ) : null}
      {kind === 'article' ? <ArticleFields content={article} onChange={setArticle} /> : (
        <div className="kb-editor__split">
          <div className="field">
            <label htmlFor="kb-tree-input">{t('kb.treeJson')}</label>
            <textarea id="kb-tree-input" className="mono" rows={22} value={treeText} onChange={(e) => setTreeText(e.target.value)} aria-describedby="kb-tree-problem" />
            <p id="kb-tree-problem" className="field__error" aria-live="polite">{treeProblem}</p>
          </div>
          <div className="kb-preview">
            <p className="kb-preview__label">{t('kb.preview')}</p>
            {tree ? (
              <TreeWalk tree={tree} language={language} renderSolution={(s) => <p>{t('kb.solutionIs', { slug: s })}</p>}
                renderCase={(intake) => <p>{t('kb.caseWith', { intake: JSON.stringify(intake) })}</p>} />
            ) : null}
          </div>
        </div>
      )}
      <div className="form kb-editor__actions">
        <div className="field">
          <label htmlFor="kb-note-input">{t('kb.note')}</label>
          <input id="kb-note-input" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="button" className="button" disabled={state.kind === 'busy'} onClick={() => void save()}>{t('kb.saveDraft')}</button>
          {entry && entry.latest.status === 'draft' ? (
            <button type="button" className="button button--primary" disabled={state.kind === 'busy'} onClick={() => void publish()}>
              {t('kb.publish', { version: entry.latestVersion })}
            </button>
          ) : null}
        </div>
        <div aria-live="polite">
          {state.kind === 'saved' ? <p className="notice notice--info">{t('kb.savedNotice')}</p> : null}
          {state.kind === 'published' ? <p className="notice notice--info">{t('kb.publishedNotice')}</p> : null}
          {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : null}
        </div>
      </div>
    </>
  );
}
