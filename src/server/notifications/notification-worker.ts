import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.ts';
import { closureVerdict } from './closure-guard.ts';
import { DeliveryError, transientError, type NotificationAdapters, type OutgoingNotification } from './notification-adapter.ts';
import { recordHistory, type HistoryEntry } from './notification-history.ts';
import {
  createNotificationRepository, type AttemptOutcome, type ClaimedNotification,
} from './notification-repository.ts';

export interface NotificationWorkerOptions {
  db: Database;
  clock: Clock;
  adapters: NotificationAdapters;
  log: Logger;
  /** Pause between polls when the last one found less than a full batch. */
  pollMs?: number;
  batchSize?: number;
  /**
   * How long a claimed message stays this worker's. It must outlast the adapters' own timeouts:
   * after it, another worker takes the message over and sends it again (with the same key).
   */
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

export interface WorkerRunSummary {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  refused: number;
}

export const workerDefaults = { pollMs: 1_000, batchSize: 10, leaseMs: 120_000, maxAttempts: 8 } as const;

type Settled = { outcome: AttemptOutcome; history: HistoryEntry; tally: Exclude<keyof WorkerRunSummary, 'claimed'> };

export function createNotificationWorker(options: NotificationWorkerOptions) {
  const { db, clock, adapters, log } = options;
  const pollMs = options.pollMs ?? workerDefaults.pollMs;
  const batchSize = options.batchSize ?? workerDefaults.batchSize;
  const leaseMs = options.leaseMs ?? workerDefaults.leaseMs;
  const maxAttempts = options.maxAttempts ?? workerDefaults.maxAttempts;
  const backoff = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;

  /** An adapter that never answers must not hold the worker past its lease. */
  async function sendWithin(message: OutgoingNotification) {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeliveryError(`no answer within the ${leaseMs} ms lease`, false)), leaseMs);
      timer.unref();
    });
    try {
      return await Promise.race([adapters[message.channel].send(message), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempt(row: ClaimedNotification): Promise<Settled> {
    const at = () => clock.now();
    if (row.attempts > maxAttempts) {
      // Claimed again after its last attempt's lease ran out: that worker died mid-send.
      const error = 'the worker stopped during the last attempt; whether it went out is unknown';
      return { outcome: { status: 'failed', error }, history: { at: at(), attempt: row.attempts, status: 'failed', detail: { error, final: true } }, tally: 'failed' };
    }
    // Checked again at send time: a message queued before its case closed must not go out after.
    if (closureVerdict(row.purpose, row.caseStatus) === 'refuse') {
      const error = `the case is ${row.caseStatus}: not sent`;
      return { outcome: { status: 'refused', error }, history: { at: at(), attempt: row.attempts, status: 'refused', detail: { reason: error } }, tally: 'refused' };
    }
    const adapter = adapters[row.channel];
    try {
      const receipt = await sendWithin({
        id: row.id, tenantId: row.tenantId, caseId: row.caseId, channel: row.channel, purpose: row.purpose, recipient: row.recipient,
        subject: row.subject, body: row.body, payload: row.payload, createdAt: row.createdAt, deliveryKey: row.id,
      });
      const detail = { provider: adapter.name, providerMessageId: receipt.providerMessageId };
      return { outcome: { status: 'sent', ...detail }, history: { at: at(), attempt: row.attempts, status: 'sent', detail }, tally: 'sent' };
    } catch (caught) {
      const error = transientError(adapter.name, caught);
      if (error.permanent || row.attempts >= maxAttempts) {
        const detail = { error: error.message, provider: adapter.name, final: true };
        return { outcome: { status: 'failed', error: error.message }, history: { at: at(), attempt: row.attempts, status: 'failed', detail }, tally: 'failed' };
      }
      const nextAttemptAt = new Date(at().getTime() + backoffDelay(row.attempts, backoff, random));
      const detail = { error: error.message, provider: adapter.name, retryAt: nextAttemptAt.toISOString() };
      return {
        outcome: { status: 'queued', error: error.message, nextAttemptAt },
        history: { at: at(), attempt: row.attempts, status: 'failed', detail, kind: 'notification_attempt_failed' },
        tally: 'retried',
      };
    }
  }

  async function settle(row: ClaimedNotification, settled: Settled): Promise<void> {
    const applied = await db.transaction(async (tx) => {
      const ok = await createNotificationRepository(tx).settleAttempt(row.id, row.attempts, settled.history.at, settled.outcome);
      if (ok) await recordHistory(tx, row, settled.history);
      return ok;
    });
    const fields = { notificationId: row.id, tenantId: row.tenantId, caseId: row.caseId, channel: row.channel, attempt: row.attempts, ...settled.history.detail };
    if (!applied) log.warn('notification attempt outlived its lease; another worker owns the message now', fields);
    else if (settled.tally === 'sent') log.info('notification sent', fields);
    else log.warn(`notification ${settled.tally}`, fields);
  }

  async function runOnce(): Promise<WorkerRunSummary> {
    const now = clock.now();
    const claimed = await createNotificationRepository(db).claimDue(now, new Date(now.getTime() + leaseMs), batchSize);
    const summary: WorkerRunSummary = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, refused: 0 };
    // Every message in hand is settled before the run ends, even when one of them could not be.
    const results = await Promise.allSettled(
      claimed.map(async (row) => {
        const settled = await attempt(row);
        await settle(row, settled);
        summary[settled.tally] += 1;
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return summary;
  }

  let stopped = true;
  // Each start() begins a new loop; a run still finishing from before a stop() must not revive its own.
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<WorkerRunSummary> | undefined;

  async function loop(mine: number): Promise<void> {
    if (stopped || mine !== generation) return;
    let fullBatch = false;
    try {
      running = runOnce();
      fullBatch = (await running).claimed === batchSize;
    } catch (error) {
      // The database may be briefly unreachable; the rows wait, and the next poll tries again.
      log.error('notification worker run failed', { error });
    } finally {
      running = undefined;
    }
    if (!stopped && mine === generation) timer = setTimeout(() => void loop(mine), fullBatch ? 0 : pollMs);
  }

  return {
    runOnce,
    start(): void {
      if (!stopped) return;
      stopped = false;
      generation += 1;
      const mine = generation;
      timer = setTimeout(() => void loop(mine), 0);
    },
    /** Stops polling and waits for the messages in hand to be settled. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type NotificationWorker = ReturnType<typeof createNotificationWorker>;
