import { useEffect } from 'react';

/** Refreshes while the page is visible: offers and jobs change on the desk's side. */
export function usePolling(refresh: () => void, everyMs: number): void {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) refresh();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [refresh, everyMs]);
}
