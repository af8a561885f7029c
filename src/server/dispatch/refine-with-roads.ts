import { distanceScore, weightedTotal } from './candidate-scores.ts';
import { describeDecision } from './describe-decision.ts';
import type { TCandidate, TDispatchDecision, TDispatchJob } from './score-candidates.ts';
import type { TRoadLeg } from './travel-times.ts';

export type TRoadCandidate = TCandidate & { travelSeconds?: number };
export type TRoadDecision = Omit<TDispatchDecision, 'candidates'> & { candidates: TRoadCandidate[] };

/**
 * Re-scores the shortlist by road: each eligible candidate's distance score is recomputed from
 * the road distance and the shortlist re-ordered. Only the shortlist (the policy's
 * maxCandidates) is sent to the router, which bounds its cost per decision; a technician just
 * outside it whose road happens to be straighter than the shortlisted ones' is not reconsidered.
 */
export function refineWithRoads(
  decision: TDispatchDecision,
  job: Pick<TDispatchJob, 'urgent'>,
  legs: ReadonlyMap<string, TRoadLeg>,
): TRoadDecision {
  if (legs.size === 0) return decision;
  const rescored = decision.candidates.map((c): TRoadCandidate => {
    const leg = legs.get(c.technicianId);
    if (!leg) return c;
    const scores = { ...c.scores, distance: distanceScore(leg.km) };
    return { ...c, scores, total: weightedTotal(scores, decision.weights), distanceKm: leg.km, travelSeconds: leg.seconds };
  });
  const eligible = rescored
    .filter((c) => c.eligible)
    .sort((a, b) => b.total - a.total || a.distanceKm - b.distanceKm || a.technicianId.localeCompare(b.technicianId));
  const candidates = [...eligible, ...rescored.filter((c) => !c.eligible)];
  const result = { ...decision, candidates, chosen: eligible[0]?.technicianId ?? null };
  return { ...result, summary: describeDecision(result, job) };
}
