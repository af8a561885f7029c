import type { TRole } from '../../shared/common.ts';
import type { TIconName } from '../common/icons.tsx';
import type { TMessageKey } from '../i18n/es.ts';
import type { TRoute } from '../router/routes.ts';

export type TNavItem = {
  id: string;
  labelKey: TMessageKey;
  icon: TIconName;
  path: string;
  /** Which routes light this entry up. */
  isActive: (route: TRoute) => boolean;
  /** Omitted: every signed-in role sees it. */
  roles?: readonly TRole[];
};

/** One entry per screen that exists; new areas (console, dispatch, knowledge, reports) add a line here. */
export const navItems: readonly TNavItem[] = [
  {
    id: 'cases',
    labelKey: 'nav.cases',
    icon: 'cases',
    path: '/cases',
    isActive: (route) => route.name === 'cases' || route.name === 'case',
  },
  {
    id: 'knowledge',
    labelKey: 'nav.knowledge',
    icon: 'book',
    path: '/knowledge',
    isActive: (route) => route.name === 'knowledge' || route.name === 'knowledgeEntry' || route.name === 'knowledgeNew',
    roles: ['admin', 'manager', 'operator'],
  },
  { id: 'reports', labelKey: 'nav.reports', icon: 'chart', path: '/reports', isActive: (route) => route.name === 'reports', roles: ['admin', 'manager'] },
  { id: 'console', labelKey: 'nav.console', icon: 'headset', path: '/console', isActive: (route) => route.name === 'console', roles: ['operator'] },
  { id: 'supervisor', labelKey: 'nav.supervisor', icon: 'gauge', path: '/supervisor', isActive: (route) => route.name === 'supervisor', roles: ['manager', 'admin'] },
];

export function navItemsFor(role: TRole): TNavItem[] {
  return navItems.filter((item) => !item.roles || item.roles.includes(role));
}
