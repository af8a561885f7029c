export type TRoute =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'cases' }
  | { name: 'case'; reference: string }
  | { name: 'console' }
  | { name: 'supervisor' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): TRoute {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login' };
  if (path === '/cases') return { name: 'cases' };
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
