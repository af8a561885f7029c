import { scoreParts } from '../../shared/dispatch-policy.ts';
import type { TDispatchDecision, TDispatchJob } from './score-candidates.ts';

/**
 * A one-line English account for logs and the timeline's plain-text view; the console renders
 * its own localised "why this technician" from the structured decision.
 */
export function describeDecision(decision: Omit<TDispatchDecision, 'summary'>, job: Pick<TDispatchJob, 'urgent'>): string {
  if (decision.reason === 'out_of_hours') {
    return job.urgent
      ? 'Urgent job outside business hours; the policy queues it until the tenant opens.'
      : 'Outside business hours and not urgent: queued until the tenant opens.';
  }
  if (decision.reason === 'no_technicians') return 'The tenant has no technicians.';
  const pool = decision.mode === 'on_call' ? 'technicians (urgent out of hours: on-call rota)' : 'technicians (working hours)';
  const excluded = Object.entries(decision.excludedCounts)
    .filter(([, count]) => count > 0)
    .map(([filter, count]) => `${filter} ${count}`)
    .join(', ');
  const exclusions = excluded ? `; excluded: ${excluded}` : '';
  const best = decision.candidates[0];
  if (!decision.chosen || !best) return `No eligible technician among ${decision.considered} ${pool}${exclusions}.`;
  const parts = scoreParts
    .filter((part) => decision.weights[part] > 0)
    .map((part) => `${part} ${best.scores[part].toFixed(2)}×${decision.weights[part].toFixed(2)}`)
    .join(' + ');
  return (
    `${decision.chosen} chosen by ${decision.strategy} from ${decision.eligibleCount} eligible of ${decision.considered} ${pool}: ` +
    `total ${best.total.toFixed(3)} = ${parts}, ${best.distanceKm.toFixed(1)} km${exclusions}.`
  );
}
