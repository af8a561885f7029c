import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import type { TRoute } from '../router/routes.ts';
import { useMe } from '../session/session-context.ts';
import { navItemsFor } from './nav-items.ts';

export function SideNav({ route }: { route: TRoute }) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul className="side-nav__list">
        {navItemsFor(me.user.role).map((item) => {
          const active = item.isActive(route);
          return (
            <li key={item.id}>
              <Link
                to={item.path}
                className={active ? 'side-nav__link side-nav__link--active' : 'side-nav__link'}
                aria-current={active ? 'page' : undefined}
              >
                <Icon name={item.icon} />
                <span>{t(item.labelKey)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
