import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFieldAction } from '../../shared/api/field.ts';
import { ApiError, networkErrorCode } from '../api/api-error.ts';
import type { TApiClient } from '../api/client.ts';
import { sendFieldAction } from '../api/field.ts';
import { loadQueue, saveQueue } from './action-queue.ts';

/** Network trouble and server faults keep the action for later; a refusal (4xx) drops it and says why. */
const isTransient = (error: unknown) => error instanceof ApiError && (error.code === networkErrorCode || error.status === 0 || error.status >= 500 || error.status === 429);

/**
 * Sends queued actions in order, one at a time, whenever the phone is online; each keeps its
 * client-made id, so an action whose answer was lost is sent again and applied once.
 */
export function useActionQueue(api: TApiClient, onApplied: () => void) {
  const [queue, setQueue] = useState<TFieldAction[]>(() => loadQueue());
  const [syncing, setSyncing] = useState(false);
  const [rejected, setRejected] = useState<unknown>(undefined);
  const flushing = useRef(false);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    setSyncing(true);
    let applied = false;
    try {
      for (;;) {
        const [next] = loadQueue();
        if (!next) break;
        try {
          await sendFieldAction(api, next);
          applied = true;
        } catch (error) {
          if (isTransient(error)) break;
          setRejected(error);
        }
        const rest = loadQueue().filter((a) => a.actionId !== next.actionId);
        saveQueue(rest);
        setQueue(rest);
      }
    } finally {
      flushing.current = false;
      setSyncing(false);
      setQueue(loadQueue());
      if (applied) onApplied();
    }
  }, [api, onApplied]);

  const enqueue = useCallback(
    (action: TFieldAction) => {
      const next = [...loadQueue(), action];
      saveQueue(next);
      setQueue(next);
      setRejected(undefined);
      void flush();
    },
    [flush],
  );

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    // Browsers do not always tell when the network comes back: try again now and then.
    const timer = window.setInterval(() => {
      if (loadQueue().length > 0) void flush();
    }, 15_000);
    void flush();
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [flush]);

  return { queue, syncing, rejected, enqueue };
}
