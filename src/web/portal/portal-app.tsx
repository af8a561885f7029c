import { useMemo } from 'react';
import { createApiClient } from '../api/client.ts';
import { createPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { LanguageSwitcher } from '../shell/language-switcher.tsx';
import { PortalArticle } from './portal-article.tsx';
import { PortalCaseForm } from './portal-case-form.tsx';
import { PortalDiagnosis } from './portal-diagnosis.tsx';
import { PortalHome } from './portal-home.tsx';
import { matchPortalPage, portalPath } from './portal-paths.ts';
import { PortalStatus } from './portal-status.tsx';

/**
 * The customer portal: part of the same web app (one build, one design, the same i18n) but its own
 * layout, with no staff shell and no sign-in; its API client never redirects to the login.
 */
export function PortalApp({ code, rest }: { code: string; rest: string }) {
  const { t, language } = useI18n();
  const portal = useMemo(() => createPortalApi(createApiClient({ onUnauthorized: () => undefined }), code), [code]);
  const tenant = useAsync((signal) => portal.tenant(language, signal), [portal, language]);
  const page = matchPortalPage(rest);
  useDocumentTitle(tenant.data ? tenant.data.name : t('portal.title'));

  return (
    <div className="portal">
      <a className="skip-link" href="#portal-main">
        {t('app.skipToContent')}
      </a>
      <header className="portal__header">
        <Link to={portalPath(code)} className="portal__brand">
          {tenant.data?.name ?? t('portal.title')}
        </Link>
        <LanguageSwitcher />
      </header>
      <main id="portal-main" className="portal__main" tabIndex={-1}>
        {tenant.status === 'loading' && !tenant.data ? <LoadingState /> : null}
        {tenant.status === 'failed' ? <ErrorNotice error={tenant.error} onRetry={tenant.reload} /> : null}
        {tenant.data ? (
          <>
            {page.name === 'home' ? <PortalHome portal={portal} code={code} tenant={tenant.data} /> : null}
            {page.name === 'article' ? <PortalArticle key={page.slug} portal={portal} code={code} slug={page.slug} /> : null}
            {page.name === 'diagnosis' ? <PortalDiagnosis key={page.slug} portal={portal} code={code} slug={page.slug} /> : null}
            {page.name === 'status' ? <PortalStatus portal={portal} /> : null}
            {page.name === 'newCase' ? <PortalCaseForm portal={portal} tenant={tenant.data} /> : null}
            {page.name === 'notFound' ? <p>{t('portal.notFound')}</p> : null}
          </>
        ) : null}
      </main>
      <footer className="portal__footer muted">{t('portal.footer')}</footer>
    </div>
  );
}
