import { applyOfferAnswer } from './answer-offer.ts';
import { dispatchCaseRow } from './dispatch-case.ts';
import { emitChanges, type DispatchDeps, type TStatusChange } from './dispatch-deps.ts';
import { createDispatchRepository } from './dispatch-repository.ts';

export type TDispatchRunSummary = { expired: number; retried: number; autoDispatched: number; failed: number };

/** Cases older than this are not swept up by auto-dispatch: an old order needs a person's look. */
const autoDispatchWindowMs = 24 * 3_600_000;
const batch = 20;

/**
 * The deadlines of dispatch, read from the database on every run so that a restart loses none:
 * offers whose time ran out go to the next candidate, rounds that waited for business hours are
 * decided again, and new cases of tenants that dispatch on creation are dispatched.
 */
export function createDispatchWorker(deps: DispatchDeps, options: { pollMs?: number } = {}) {
  const pollMs = options.pollMs ?? 5_000;
  const system = { kind: 'system' as const, name: 'dispatch' };

  async function each(ids: readonly string[], work: (id: string) => Promise<void>): Promise<[number, number]> {
    let done = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        await work(id);
        done++;
      } catch (error) {
        failed++;
        deps.log.error('dispatch deadline could not be handled; it is retried on the next run', { id, error });
      }
    }
    return [done, failed];
  }

  async function runOnce(): Promise<TDispatchRunSummary> {
    const now = deps.clock.now();
    const repo = createDispatchRepository(deps.db);
    const expiredIds = (await repo.claimExpiredOffers(now, batch)).map((r) => r.id);
    const [expired, f1] = await each(expiredIds, async (offerId) => {
      const changes: TStatusChange[] = [];
      const answer = await deps.db.transaction((tx) => applyOfferAnswer(tx, deps, offerId, 'expire', 'timeout', { at: now, publicUrl: deps.publicUrl, changes }));
      emitChanges(deps, changes);
      const latest = await repo.findLatestForCase(answer.caseId);
      if (latest?.status === 'escalated') {
        deps.events.emit('dispatch.escalated', { tenantId: latest.tenantId, caseId: answer.caseId, reference: answer.reference, dispatchId: latest.id });
      }
    });
    const waiting = (await repo.claimDueWaiting(now, batch)).map((r) => r.caseId);
    const [retried, f2] = await each(waiting, async (caseId) => void (await dispatchCaseRow(deps, system, caseId, {})));
    const fresh = (await repo.listUndispatchedNew(now, autoDispatchWindowMs, batch)).map((r) => r.id);
    const [autoDispatched, f3] = await each(fresh, async (caseId) => void (await dispatchCaseRow(deps, system, caseId, {})));
    return { expired, retried, autoDispatched, failed: f1 + f2 + f3 };
  }

  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void loop(), ms);
  };
  async function loop(): Promise<void> {
    if (stopped || running) return;
    try {
      running = runOnce();
      await running;
    } catch (error) {
      deps.log.error('dispatch worker run failed', { error });
    } finally {
      running = undefined;
    }
    schedule(pollMs);
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** A new case may need dispatching now rather than at the next poll. */
    nudge() {
      if (!stopped && !running) schedule(50);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type DispatchWorker = ReturnType<typeof createDispatchWorker>;
