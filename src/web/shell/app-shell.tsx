import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TRoute } from '../router/routes.ts';
import { SideNav } from './side-nav.tsx';
import { TopBar } from './top-bar.tsx';

export function AppShell({ route, children }: { route: TRoute; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar />
      <div className="app-shell__body">
        <SideNav route={route} />
        <main id="main" className="app-shell__main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
