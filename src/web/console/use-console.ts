import { useCallback, useEffect, useReducer, useState } from 'react';
import type { TOperatorEvent } from '../../shared/api/operators.ts';
import { getOperatorMe, getQueueBoard, getScreenPop } from '../api/operators.ts';
import { useApi } from '../session/session-context.ts';
import { initialConsoleState, reduceConsole, type TConsoleState } from './console-state.ts';
import { useOperatorEvents, type TLiveStatus } from './use-operator-events.ts';

const snapshotEveryMs = 15_000;

export type TConsole = {
  state: TConsoleState;
  live: TLiveStatus;
  loadError: unknown;
  /** Re-reads the snapshot after an action, in case its event is still on its way. */
  refresh: () => void;
  dismissNotice: () => void;
};

export function useConsole(): TConsole {
  const api = useApi();
  const [state, dispatch] = useReducer(reduceConsole, initialConsoleState);
  const [loadError, setLoadError] = useState<unknown>(undefined);

  const refresh = useCallback(() => {
    getOperatorMe(api).then(
      async (me) => {
        setLoadError(undefined);
        dispatch({ type: 'snapshot', snapshot: me });
        // After a reload during a call, the pop comes back from its own route.
        if (me.call && !me.offer) {
          const pop = await getScreenPop(api, me.call.queueCallId).catch(() => undefined);
          if (pop) dispatch({ type: 'pop', pop });
        }
      },
      (error: unknown) => setLoadError(error),
    );
    getQueueBoard(api).then(
      (board) => dispatch({ type: 'board', board, at: Date.now() }),
      (error: unknown) => setLoadError(error),
    );
  }, [api]);

  const onEvent = useCallback((event: TOperatorEvent) => dispatch({ type: 'event', event, at: Date.now() }), []);
  const live = useOperatorEvents(onEvent, refresh);

  useEffect(refresh, [refresh]);
  // No event reports a phone registering or dropping off, so the snapshot is re-read now and then.
  useEffect(() => {
    const timer = setInterval(refresh, snapshotEveryMs);
    return () => clearInterval(timer);
  }, [refresh]);

  const dismissNotice = useCallback(() => dispatch({ type: 'dismissNotice' }), []);
  return { state, live, loadError, refresh, dismissNotice };
}
