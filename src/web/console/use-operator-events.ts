import { useEffect, useRef, useState } from 'react';
import { ZOperatorEvent, type TOperatorEvent, type TOperatorEventType } from '../../shared/api/operators.ts';

export type TLiveStatus = 'connecting' | 'live' | 'reconnecting';

const eventTypes: readonly TOperatorEventType[] = [
  'offer', 'offer.withdrawn', 'call.connected', 'call.held', 'call.resumed', 'call.ended', 'agent.state', 'board', 'supervisor',
];

const streamUrl = '/api/v1/operators/events';
const maxRetryMs = 15_000;

/**
 * One EventSource on the operators' stream. The browser retries dropped connections by itself;
 * when it gives up (the server answered an error) we open a new one with a growing delay.
 * `onOpen` runs on every (re)connection so the screen can reload what it may have missed.
 */
export function useOperatorEvents(onEvent: (event: TOperatorEvent) => void, onOpen: () => void): TLiveStatus {
  const [status, setStatus] = useState<TLiveStatus>('connecting');
  const handlers = useRef({ onEvent, onOpen });
  handlers.current = { onEvent, onOpen };

  useEffect(() => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const receive = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = ZOperatorEvent.safeParse({ ...(data as object), type: message.type });
      if (parsed.success) handlers.current.onEvent(parsed.data);
      else console.error(`Unexpected ${message.type} event`, parsed.error.issues);
    };

    const connect = () => {
      source = new EventSource(streamUrl, { withCredentials: true });
      for (const type of eventTypes) source.addEventListener(type, receive as EventListener);
      source.onopen = () => {
        failures = 0;
        setStatus('live');
        handlers.current.onOpen();
      };
      source.onerror = () => {
        if (stopped || !source) return;
        setStatus('reconnecting');
        if (source.readyState !== EventSource.CLOSED) return;
        source.close();
        failures += 1;
        retryTimer = setTimeout(connect, Math.min(maxRetryMs, 500 * 2 ** failures));
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, []);

  return status;
}
