import { useEffect, useRef } from 'react';

/**
 * Single-letter shortcuts for the call in progress. They stay quiet while the operator types
 * in a field or holds a modifier, so typing an "h" in the description never puts a caller on hold.
 */
export function useShortcuts(keys: Readonly<Record<string, () => void>>, enabled: boolean): void {
  const current = useRef(keys);
  current.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const action = current.current[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
