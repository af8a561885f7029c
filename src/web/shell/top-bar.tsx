import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { UserMenu } from './user-menu.tsx';

export function TopBar() {
  const { t } = useI18n();
  return (
    <header className="top-bar">
      <Link to="/cases" className="brand">
        <span className="brand__mark" aria-hidden="true">
          C
        </span>
        <span className="brand__name">{t('app.name')}</span>
      </Link>
      <div className="top-bar__actions">
        <LanguageSwitcher />
        <UserMenu />
      </div>
    </header>
  );
}
