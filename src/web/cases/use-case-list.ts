import { useCallback, useEffect, useRef, useState } from 'react';
import type { TCase } from '../../shared/api/cases.ts';
import { listCases, type TCaseFilters } from '../api/cases.ts';
import { useApi } from '../session/session-context.ts';

const pageSize = 50;

export type TCaseList = {
  items: TCase[];
  phase: 'loading' | 'ready' | 'loadingMore' | 'failed';
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
};

/** The first page follows the filters; further pages are appended with the server's cursor. */
export function useCaseList(filters: TCaseFilters): TCaseList {
  const api = useApi();
  const [items, setItems] = useState<TCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [phase, setPhase] = useState<TCaseList['phase']>('loading');
  const [error, setError] = useState<unknown>(undefined);
  const [version, setVersion] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const filtersKey = JSON.stringify(filters);

  const fetchPage = useCallback(
    (after: string | null) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setPhase(after ? 'loadingMore' : 'loading');
      setError(undefined);
      const parsed = JSON.parse(filtersKey) as TCaseFilters;
      listCases(api, parsed, { limit: pageSize, cursor: after }, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setItems((previous) => (after ? [...previous, ...page.items] : page.items));
          setCursor(page.nextCursor);
          setPhase('ready');
        },
        (caught: unknown) => {
          if (controller.signal.aborted) return;
          setError(caught);
          setPhase('failed');
        },
      );
    },
    [api, filtersKey],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(null);
    return () => controllerRef.current?.abort();
  }, [fetchPage, version]);

  return {
    items,
    phase,
    error,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor && (phase === 'ready' || phase === 'failed')) fetchPage(cursor);
    },
    reload: () => setVersion((n) => n + 1),
  };
}
