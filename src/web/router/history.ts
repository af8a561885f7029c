export type TLocation = { pathname: string; search: string };

const changeEvent = 'centralita:navigate';

let current: TLocation = readLocation();

function readLocation(): TLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

function refresh(): void {
  const next = readLocation();
  if (next.pathname !== current.pathname || next.search !== current.search) current = next;
}

export function getLocation(): TLocation {
  return current;
}

export function subscribeToLocation(listener: () => void): () => void {
  const onChange = () => {
    refresh();
    listener();
  };
  window.addEventListener('popstate', onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

export type TNavigateOptions = { replace?: boolean };

export function navigate(to: string, options: TNavigateOptions = {}): void {
  const target = new URL(to, window.location.origin);
  const href = target.pathname + target.search + target.hash;
  if (href === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', href);
  } else {
    window.history.pushState(null, '', href);
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(changeEvent));
}

/** Only same-origin absolute paths are accepted, so a crafted ?next= cannot send users elsewhere. */
export function isSafeLocalPath(path: string | null): path is string {
  return path !== null && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}
