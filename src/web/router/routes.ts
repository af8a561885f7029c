export type TRoute =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'cases' }
  | { name: 'case'; reference: string }
  | { name: 'knowledge' }
  | { name: 'knowledgeEntry'; id: string }
  | { name: 'knowledgeNew' }
  | { name: 'portal'; code: string; rest: string }
  | { name: 'reports'; tab: 'overview' | 'staffing' | 'usage' | 'settings' }
  | { name: 'field' }
  | { name: 'fieldSignIn' }
  | { name: 'offer' }
  | { name: 'publicStatus' }
  | { name: 'console' }
  | { name: 'supervisor' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): TRoute {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login' };
  if (path === '/cases') return { name: 'cases' };
  if (path === '/knowledge') return { name: 'knowledge' };
  if (path === '/knowledge/new') return { name: 'knowledgeNew' };
  const entryMatch = /^\/knowledge\/entries\/([0-9a-f-]{36})$/.exec(path);
  if (entryMatch?.[1]) return { name: 'knowledgeEntry', id: entryMatch[1] };
  const portalMatch = /^\/portal\/([A-Za-z0-9_-]{2,32})(\/.*)?$/.exec(path);
  if (portalMatch?.[1]) return { name: 'portal', code: portalMatch[1].toLowerCase(), rest: portalMatch[2] ?? '' };
  if (path === '/reports') return { name: 'reports', tab: 'overview' };
  const reportsMatch = /^\/reports\/(staffing|usage|settings)$/.exec(path);
  if (reportsMatch?.[1]) return { name: 'reports', tab: reportsMatch[1] as 'staffing' | 'usage' | 'settings' };
  if (path === '/field') return { name: 'field' };
  if (path === '/field/sign-in') return { name: 'fieldSignIn' };
  if (path === '/offer') return { name: 'offer' };
  if (path === '/status') return { name: 'publicStatus' };
  if (path === '/console') return { name: 'console' };
  if (path === '/supervisor') return { name: 'supervisor' };
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch?.[1]) return { name: 'case', reference: safeDecode(caseMatch[1]) };
  return { name: 'notFound' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function casePath(reference: string): string {
  return `/cases/${encodeURIComponent(reference)}`;
}

export function loginPath(next?: string): string {
  return next ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
