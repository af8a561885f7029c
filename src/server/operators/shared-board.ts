import { tenantScope, type Principal } from '../auth/principal.ts';
import type { OperatorDeps } from './operator-deps.ts';
import { getQueueBoard } from './operator-views.ts';

/**
 * The queue board serialised once per tenant scope, second and change: fifty open consoles of one
 * tenant share one JSON text instead of each building its own while the queues are busy. A
 * `queue.changed` (what makes every stream send the board again) drops what was kept.
 */
export function createSharedBoard(deps: Pick<OperatorDeps, 'acd' | 'clock' | 'events'>) {
  const kept = new Map<string, string>();
  deps.events.on('queue.changed', () => kept.clear());
  return {
    /** `{"board": …}` as the principal may see it. */
    json(principal: Principal): string {
      const scope = tenantScope(principal);
      // Waiting times are whole seconds, so a new second is a new board.
      const key = `${Math.floor(deps.clock.now().getTime() / 1000)}|${scope === null ? '*' : [...scope].sort().join(',')}`;
      let text = kept.get(key);
      if (text === undefined) {
        if (kept.size >= 64) kept.clear();
        text = JSON.stringify({ board: getQueueBoard(deps, principal) });
        kept.set(key, text);
      }
      return text;
    },
  };
}

export type SharedBoard = ReturnType<typeof createSharedBoard>;
