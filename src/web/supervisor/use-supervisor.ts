import { useCallback, useEffect, useState } from 'react';
import type { TOperatorEvent, TSupervisorOverview } from '../../shared/api/operators.ts';
import { getSupervisorOverview } from '../api/operators.ts';
import { useOperatorEvents, type TLiveStatus } from '../console/use-operator-events.ts';
import { useApi } from '../session/session-context.ts';

export type TSupervisor = {
  overview: TSupervisorOverview | undefined;
  /** When the overview arrived (ms since the epoch): waits tick on from there. */
  at: number;
  live: TLiveStatus;
  error: unknown;
  reload: () => void;
};

/** The overview, loaded once and on every reconnection, then replaced by each `supervisor` event. */
export function useSupervisor(): TSupervisor {
  const api = useApi();
  const [overview, setOverview] = useState<{ data: TSupervisorOverview; at: number }>();
  const [error, setError] = useState<unknown>(undefined);

  const reload = useCallback(() => {
    getSupervisorOverview(api).then(
      (data) => {
        setError(undefined);
        setOverview({ data, at: Date.now() });
      },
      (failure: unknown) => setError(failure),
    );
  }, [api]);

  const onEvent = useCallback((event: TOperatorEvent) => {
    if (event.type === 'supervisor') setOverview({ data: event.overview, at: Date.now() });
  }, []);
  const live = useOperatorEvents(onEvent, reload);
  useEffect(reload, [reload]);

  return { overview: overview?.data, at: overview?.at ?? 0, live, error, reload };
}
