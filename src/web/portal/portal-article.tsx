import { useState } from 'react';
import { pickLanguage, type TArticleContent } from '../../shared/knowledge.ts';
import type { TPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Markdown } from '../knowledge/markdown.tsx';
import { Link } from '../router/link.tsx';
import { newCasePath } from './portal-paths.ts';

/** An article as the portal shows it, with "this solved my problem" counted for the measures. */
export function PortalArticle({ portal, code, slug, embedded }: { portal: TPortalApi; code: string; slug: string; embedded?: { treeSlug: string; intake: Record<string, unknown> } }) {
  const { t, language } = useI18n();
  const article = useAsync((signal) => portal.article(slug, signal), [portal, slug]);
  const [answered, setAnswered] = useState<'resolved' | null>(null);
  if (article.status === 'loading') return <LoadingState />;
  if (article.status === 'failed') return <ErrorNotice error={article.error} onRetry={article.reload} />;
  const variant = pickLanguage((article.data.content as TArticleContent).variants, language);
  if (!variant) return null;
  const Heading = embedded ? 'h3' : 'h1';
  const solved = () => {
    setAnswered('resolved');
    // Both the article and the diagnosis that led to it get the credit in the measures.
    void portal.feedback(slug, 'resolved').catch(() => undefined);
    if (embedded) void portal.feedback(embedded.treeSlug, 'resolved').catch(() => undefined);
  };
  return (
    <article className="kb-article" lang={variant.language} data-testid="portal-article">
      <Heading className={embedded ? undefined : 'page__title'}>{variant.value.title}</Heading>
      <p className="kb-article__summary">{variant.value.summary}</p>
      <Markdown source={variant.value.body} />
      <div className="kb-article__feedback" aria-live="polite">
        {answered ? (
          <p className="notice notice--info">{t('portal.thanksSolved')}</p>
        ) : (
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={solved}>
              {t('portal.solved')}
            </button>
            <Link className="button" to={newCasePath(code, embedded?.intake ?? {}, embedded?.treeSlug)}>
              {t('portal.notSolved')}
            </Link>
          </div>
        )}
      </div>
    </article>
  );
}
