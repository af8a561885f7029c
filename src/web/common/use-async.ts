import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type TAsyncState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: unknown; data?: T };

/**
 * Runs a loader whenever its dependencies change, ignoring answers that arrive after a newer request
 * started. `reload` keeps the previous data on screen while refreshing; a change of dependencies does not.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): TAsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<TAsyncState<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reloading = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const keep = reloading.current;
    reloading.current = false;
    setState((previous) => ({ status: 'loading', data: keep ? previous.data : undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ status: 'failed', error, data: previous.data }));
      },
    );
    return () => controller.abort();
    // The caller's deps stand for `load`, which is usually an inline closure.
  }, [...deps, version]);

  const reload = useCallback(() => {
    reloading.current = true;
    setVersion((n) => n + 1);
  }, []);
  return { ...state, reload };
}
