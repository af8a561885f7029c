export interface BackoffPolicy {
  /** The ceiling of the first retry's delay; it doubles on each further attempt. */
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, maxMs: 3_600_000 };

/** The ceiling of the delay after failed attempt number `attempt` (1-based). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Delay before the next try: exponential, with "equal jitter" — half the ceiling fixed, half
 * random. The random half spreads out a burst that failed together (every e-mail queued during
 * an SMTP outage) so they do not all hit the recovering server at once; the fixed half keeps a
 * floor, so a retry never comes back immediately.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random())));
}
