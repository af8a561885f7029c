import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.ts';
import { LanguageSwitcher } from '../shell/language-switcher.tsx';

/** The frame of the pages opened from a message's link: no navigation, nothing of the desk's. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login">
      <div className="login__corner">
        <LanguageSwitcher />
      </div>
      <main className="login__card public">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">C</span>
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <h1 className="login__title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
