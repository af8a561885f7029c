export type TPortalPage =
  | { name: 'home' }
  | { name: 'article'; slug: string }
  | { name: 'diagnosis'; slug: string }
  | { name: 'status' }
  | { name: 'newCase' }
  | { name: 'notFound' };

/** The part of a portal address after `/portal/<code>`. */
export function matchPortalPage(rest: string): TPortalPage {
  const path = rest.replace(/\/+$/, '');
  if (path === '') return { name: 'home' };
  if (path === '/status') return { name: 'status' };
  if (path === '/new-case') return { name: 'newCase' };
  const article = /^\/articles\/([a-z0-9-]+)$/.exec(path);
  if (article?.[1]) return { name: 'article', slug: article[1] };
  const diagnosis = /^\/diagnosis\/([a-z0-9-]+)$/.exec(path);
  if (diagnosis?.[1]) return { name: 'diagnosis', slug: diagnosis[1] };
  return { name: 'notFound' };
}

export function portalPath(code: string, page: string = ''): string {
  return `/portal/${encodeURIComponent(code)}${page}`;
}

/** Answers from a self-diagnosis travel to the case form in its address, so a reload keeps them. */
export function newCasePath(code: string, prefill: Record<string, unknown>, treeSlug?: string): string {
  const params = new URLSearchParams();
  if (Object.keys(prefill).length > 0) params.set('prefill', JSON.stringify(prefill));
  if (treeSlug) params.set('tree', treeSlug);
  const search = params.toString();
  return portalPath(code, `/new-case${search ? `?${search}` : ''}`);
}
