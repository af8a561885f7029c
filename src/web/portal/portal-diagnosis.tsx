import type { TTreeContent } from '../../shared/knowledge.ts';
import { labelIn } from '../../shared/knowledge.ts';
import type { TPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { TreeWalk } from '../knowledge/tree-walk.tsx';
import { Link } from '../router/link.tsx';
import { PortalArticle } from './portal-article.tsx';
import { newCasePath } from './portal-paths.ts';

export function PortalDiagnosis({ portal, code, slug }: { portal: TPortalApi; code: string; slug: string }) {
  const { t, language } = useI18n();
  const tree = useAsync((signal) => portal.tree(slug, signal), [portal, slug]);
  if (tree.status === 'loading') return <LoadingState />;
  if (tree.status === 'failed') return <ErrorNotice error={tree.error} onRetry={tree.reload} />;
  const content = tree.data.content as TTreeContent;
  return (
    <section aria-labelledby="diagnosis-title">
      <h1 className="page__title" id="diagnosis-title">{labelIn(content.title, language)}</h1>
      <TreeWalk
        tree={content}
        language={language}
        renderSolution={(article, intake) => <PortalArticle portal={portal} code={code} slug={article} embedded={{ treeSlug: slug, intake }} />}
        renderCase={(intake) => (
          <div className="notice notice--info">
            <p className="notice__title">{t('portal.caseNeeded')}</p>
            <Link className="button button--primary" to={newCasePath(code, intake, slug)} data-testid="diagnosis-open-case">
              {t('portal.newCaseTitle')}
            </Link>
          </div>
        )}
      />
    </section>
  );
}
