import { scoreParts, type TDispatchPolicy, type TScorePart } from '../../shared/dispatch-policy.ts';

/**
 * Every score is 0..1 with 1 best, on an absolute scale (not relative to the other candidates),
 * so a figure shown under "why this technician" means the same thing in every decision.
 */
export type TScores = Record<TScorePart, number>;

/** Distance at which the distance score is one half: 0 km → 1, 10 km → 0.5, 30 km → 0.25. */
export const distanceHalfScoreKm = 10;
/** Time since the last assignment at which the fairness score is one half. */
export const fairnessHalfScoreHours = 8;
/** Shares of the specialisation score when the job names a brand. */
export const skillShare = 0.6;
export const brandShare = 0.4;

export function distanceScore(distanceKm: number): number {
  return distanceHalfScoreKm / (distanceHalfScoreKm + Math.max(0, distanceKm));
}

/** Skill (appliance type) and brand match; without a brand on the job only the skill counts. */
export function specialisationScore(hasSkill: boolean, brandMatch: boolean | undefined): number {
  if (brandMatch === undefined) return hasSkill ? 1 : 0;
  return (hasSkill ? skillShare : 0) + (brandMatch ? brandShare : 0);
}

/** Half for being on duty (working hours, or on call out of hours), half for not being on a job. */
export function availabilityScore(onDuty: boolean, onJob: boolean): number {
  return (onDuty ? 0.5 : 0) + (onJob ? 0 : 0.5);
}

/** Share of today's capacity still free; a technician with no capacity has none. */
export function loadScore(jobsToday: number, dailyCapacity: number): number {
  if (!(dailyCapacity > 0)) return 0;
  return Math.min(1, Math.max(0, 1 - jobsToday / dailyCapacity));
}

/** Longer since the last assignment scores higher; never assigned scores 1 (round-robin order). */
export function fairnessScore(lastAssignedMs: number, atMs: number): number {
  if (Number.isNaN(lastAssignedMs)) return 1;
  const hours = Math.max(0, atMs - lastAssignedMs) / 3_600_000;
  return hours / (hours + fairnessHalfScoreHours);
}

const strategyPart: Record<Exclude<TDispatchPolicy['strategy'], 'weighted'>, TScorePart> = {
  nearest: 'distance',
  most_specialised: 'specialisation',
  free_now: 'availability',
  round_robin: 'fairness',
  least_loaded: 'load',
};

/**
 * The weights a decision uses, summing to 1, so every strategy is a weighted sum: a single
 * strategy is its own score with weight 1, and `weighted` is the policy's weights normalised.
 */
export function effectiveWeights(policy: Pick<TDispatchPolicy, 'strategy' | 'weights'>): TScores {
  const weights: TScores = { distance: 0, specialisation: 0, availability: 0, load: 0, fairness: 0 };
  if (policy.strategy !== 'weighted') {
    weights[strategyPart[policy.strategy]] = 1;
    return weights;
  }
  const sum = scoreParts.reduce((total, part) => total + policy.weights[part], 0);
  if (!(sum > 0)) throw new Error('a weighted dispatch policy needs at least one weight above 0');
  for (const part of scoreParts) weights[part] = policy.weights[part] / sum;
  return weights;
}

export function weightedTotal(scores: TScores, weights: TScores): number {
  return (
    scores.distance * weights.distance +
    scores.specialisation * weights.specialisation +
    scores.availability * weights.availability +
    scores.load * weights.load +
    scores.fairness * weights.fairness
  );
}
