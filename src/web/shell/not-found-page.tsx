import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="page empty-page">
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p className="muted">{t('notFound.body')}</p>
      <Link to="/cases" className="button button--primary">
        {t('notFound.back')}
      </Link>
    </section>
  );
}
