import type { TFieldAction, TFieldOverview } from '../../shared/api/field.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';

export type TLocalView = {
  offers: TFieldOverview['offers'];
  jobs: (TFieldOverview['jobs'][number] & { shownStatus: TCaseStatus; queued: boolean })[];
};

/**
 * What the technician should see: the desk's last answer with the actions still waiting on the
 * phone applied on top, so a tap offline shows its effect at once.
 */
export function applyQueued(overview: TFieldOverview | undefined, queue: readonly TFieldAction[]): TLocalView {
  if (!overview) return { offers: [], jobs: [] };
  const answered = new Set(queue.flatMap((a) => (a.kind === 'accept_offer' || a.kind === 'decline_offer' ? [a.offerId] : [])));
  const status = new Map<string, TCaseStatus>();
  for (const a of queue) {
    if (a.kind === 'set_status') status.set(a.caseId, a.to);
    else if (a.kind === 'resolve') status.set(a.caseId, 'resolved');
    else if (a.kind === 'reopen') status.set(a.caseId, 'reopened');
  }
  return {
    offers: overview.offers.filter((o) => !answered.has(o.id)),
    jobs: overview.jobs.map((job) => ({ ...job, shownStatus: status.get(job.caseId) ?? job.status, queued: status.has(job.caseId) })),
  };
}
