import type { TDispatchPolicy } from '../../shared/dispatch-policy.ts';
import {
  availabilityScore,
  distanceScore,
  effectiveWeights,
  fairnessScore,
  loadScore,
  specialisationScore,
  weightedTotal,
  type TScores,
} from './candidate-scores.ts';
import { haversineTerm, haversineTermForKm, isInFlatPolygon, kmFromHaversineTerm, type TGeoPoint } from './geo.ts';
import { onCallAt, worksAt } from './technician-availability.ts';
import { hasWord, indexTechnicians, normaliseWord, stateCodes, type TTechnician, type TTechnicianIndex } from './technician-index.ts';
import { describeDecision } from './describe-decision.ts';
import { keepBest } from './keep-best.ts';

export type TDispatchJob = {
  tenantId: string;
  applianceType: string;
  brand?: string;
  /** Certificates the work legally needs (a gas boiler, say); a hard filter under requireSkill. */
  requiredCertifications?: readonly string[];
  urgent: boolean;
  location: TGeoPoint;
  insideBusinessHours: boolean;
};

/** Hard filters in the order they are checked; a candidate reports the first one it fails. */
export const exclusions = ['state', 'skill', 'off_duty', 'zone', 'distance', 'capacity'] as const;
export type TExclusion = (typeof exclusions)[number];

export type TCandidate = {
  technicianId: string;
  eligible: boolean;
  excludedBy?: TExclusion;
  scores: TScores;
  total: number;
  distanceKm: number;
  /** Where the distance was measured from: a recent last known position, else the home base. */
  from: 'last_position' | 'home';
};

/** `queued`: not dispatched now (out of hours and not urgent, or urgent with a queue policy). */
export type TDispatchMode = 'working_hours' | 'on_call' | 'queued';
export type TDispatchReason = 'best_score' | 'on_call' | 'out_of_hours' | 'none_eligible' | 'no_technicians';

export type TDispatchDecision = {
  chosen: string | null;
  reason: TDispatchReason;
  mode: TDispatchMode;
  strategy: TDispatchPolicy['strategy'];
  /** Weights summing to 1: every candidate's total is the weighted sum of its scores. */
  weights: TScores;
  /**
   * Eligible candidates best first (higher total, then nearer, then smaller id; at most
   * `maxCandidates`), then excluded ones nearest first (at most `listExcluded`).
   */
  candidates: TCandidate[];
  considered: number;
  eligibleCount: number;
  excludedCounts: Record<TExclusion, number>;
  summary: string;
};

export type TChooseTechnicianInput = {
  job: TDispatchJob;
  technicians: TTechnicianIndex | readonly TTechnician[];
  policy: TDispatchPolicy;
  at: Date;
  /** Per-tenant last assignment times; a technician missing here falls back to its own. */
  lastAssignedAt?: ReadonlyMap<string, Date>;
  /** How many excluded technicians to list for "why not"; the counts cover all of them. */
  listExcluded?: number;
};

/** A last known position older than this says little about where the technician is now. */
export const positionMaxAgeMs = 2 * 3_600_000;
const toRad = Math.PI / 180;

type TContext = ReturnType<typeof createContext>;

function createContext(ix: TTechnicianIndex, input: TChooseTechnicianInput, mode: TDispatchMode) {
  const { job, policy, at } = input;
  const lat = job.location.lat * toRad;
  const bitOf = (bits: ReadonlyMap<string, number>, word: string) => bits.get(normaliseWord(word)) ?? -1;
  return {
    ix, weights: effectiveWeights(policy), atMs: at.getTime(),
    lastAssigned: input.lastAssignedAt,
    lat, lon: job.location.lon * toRad, cos: Math.cos(lat), latDeg: job.location.lat, lonDeg: job.location.lon,
    skillBit: bitOf(ix.skills.bits, job.applianceType),
    brandBit: job.brand === undefined ? undefined : bitOf(ix.brands.bits, job.brand),
    certBits: (job.requiredCertifications ?? []).map((c) => bitOf(ix.certifications.bits, c)),
    // Wall-clock time per time zone, read on first use in this decision only.
    minuteOfWeek: new Float64Array(ix.timeZones.length).fill(NaN),
    localMinute: new Float64Array(ix.timeZones.length).fill(NaN),
    onCallMode: mode === 'on_call',
    requireSkill: policy.filters.requireSkill,
    requireOnDuty: policy.filters.requireOnDuty,
    requireZone: policy.filters.requireZone,
    maxTerm: policy.filters.maxDistanceKm === undefined ? Infinity : haversineTermForKm(policy.filters.maxDistanceKm),
    // Per-technician results of the last `evaluate` and `measure`, read by the scoring.
    measured: -1, term: 0, fromPosition: false, onDuty: false, hasSkill: false,
  };
}

function dutyOf(c: TContext, i: number): boolean {
  const tz = c.ix.timeZoneOf[i]!;
  if (Number.isNaN(c.localMinute[tz]!)) {
    const local = c.ix.clocks[tz]!(c.atMs);
    c.minuteOfWeek[tz] = local.minuteOfWeek;
    c.localMinute[tz] = local.localMinute;
  }
  const table = c.ix.schedules;
  return c.onCallMode ? onCallAt(table, i, c.localMinute[tz]!, c.atMs) : worksAt(table, i, c.minuteOfWeek[tz]!, c.localMinute[tz]!);
}

function inZone(c: TContext, i: number): boolean {
  const ix = c.ix;
  // A latitude gap wider than the radius rules the circle out before any trigonometry (NaN: no circle).
  if (Math.abs(c.lat - ix.circleLat[i]!) <= ix.circleAngle[i]!) {
    if (haversineTerm(c.lat, c.lon, c.cos, ix.circleLat[i]!, ix.circleLon[i]!, ix.circleCos[i]!) <= ix.circleTerm[i]!) return true;
  }
  const polygon = ix.polygons[i];
  if (!polygon) return false;
  const box = i * 4;
  const b = ix.polygonBox;
  if (c.latDeg < b[box]! || c.latDeg > b[box + 1]! || c.lonDeg < b[box + 2]! || c.lonDeg > b[box + 3]!) return false;
  return isInFlatPolygon(c.latDeg, c.lonDeg, polygon);
}

function usesLastPosition(c: TContext, i: number): boolean {
  const posAt = c.ix.posAt[i]!;
  return posAt === posAt && Math.abs(c.atMs - posAt) < positionMaxAgeMs;
}

/**
 * Measures technician `i` from its recent position or home base. The haversine term orders like
 * the distance, so the arcsine waits for the few candidates that are shown in km.
 */
function measure(c: TContext, i: number): void {
  const ix = c.ix;
  c.fromPosition = usesLastPosition(c, i);
  c.term = c.fromPosition
    ? haversineTerm(c.lat, c.lon, c.cos, ix.posLat[i]!, ix.posLon[i]!, ix.posCos[i]!)
    : haversineTerm(c.lat, c.lon, c.cos, ix.homeLat[i]!, ix.homeLon[i]!, ix.homeCos[i]!);
  c.measured = i;
}

/** Filters technician `i`, cheapest test first; returns 0 when eligible, else 1 + the exclusion's position. */
function evaluate(c: TContext, i: number): number {
  const ix = c.ix;
  c.measured = -1;
  c.hasSkill = hasWord(ix.skills, i, c.skillBit);
  // The rota is the commitment out of hours, when an on-call technician is normally signed off.
  if (!c.onCallMode && ix.state[i] === stateCodes.off) return 1;
  if (c.requireSkill) {
    if (!c.hasSkill) return 2;
    for (let k = 0; k < c.certBits.length; k++) if (!hasWord(ix.certifications, i, c.certBits[k]!)) return 2;
  }
  c.onDuty = dutyOf(c, i);
  if (c.requireOnDuty && !c.onDuty) return 3;
  if (c.requireZone && !inZone(c, i)) return 4;
  if (c.maxTerm !== Infinity) {
    measure(c, i);
    if (c.term > c.maxTerm) return 5;
  }
  // Daily capacity describes the working day; urgent on-call work is on top of it.
  if (!c.onCallMode && ix.jobsToday[i]! >= ix.dailyCapacity[i]!) return 6;
  return 0;
}

function scoresOf(c: TContext, i: number): TScores {
  const ix = c.ix;
  const override = c.lastAssigned?.get(ix.ids[i]!);
  return {
    distance: distanceScore(kmFromHaversineTerm(c.term)),
    specialisation: specialisationScore(c.hasSkill, c.brandBit === undefined ? undefined : hasWord(ix.brands, i, c.brandBit)),
    availability: availabilityScore(c.onDuty, ix.state[i] === stateCodes.on_job),
    load: loadScore(ix.jobsToday[i]!, ix.dailyCapacity[i]!),
    fairness: fairnessScore(override ? override.getTime() : ix.lastAssignedAt[i]!, c.atMs),
  };
}

/** The same sum, in the same order, as `weightedTotal(scoresOf(…))` but without the object. */
function totalOf(c: TContext, i: number): number {
  const ix = c.ix;
  const w = c.weights;
  let total = w.distance > 0 ? distanceScore(kmFromHaversineTerm(c.term)) * w.distance : 0;
  if (w.specialisation > 0) {
    total += specialisationScore(c.hasSkill, c.brandBit === undefined ? undefined : hasWord(ix.brands, i, c.brandBit)) * w.specialisation;
  }
  if (w.availability > 0) total += availabilityScore(c.onDuty, ix.state[i] === stateCodes.on_job) * w.availability;
  if (w.load > 0) total += loadScore(ix.jobsToday[i]!, ix.dailyCapacity[i]!) * w.load;
  if (w.fairness > 0) {
    const override = c.lastAssigned?.get(ix.ids[i]!);
    total += fairnessScore(override ? override.getTime() : ix.lastAssignedAt[i]!, c.atMs) * w.fairness;
  }
  return total;
}

function candidateOf(c: TContext, i: number): TCandidate {
  const code = evaluate(c, i);
  measure(c, i);
  c.onDuty = dutyOf(c, i);
  const scores = scoresOf(c, i);
  return {
    technicianId: c.ix.ids[i]!,
    eligible: code === 0,
    ...(code === 0 ? {} : { excludedBy: exclusions[code - 1] }),
    scores,
    total: weightedTotal(scores, c.weights),
    distanceKm: kmFromHaversineTerm(c.term),
    from: c.fromPosition ? 'last_position' : 'home',
  };
}

function modeFor(job: TDispatchJob, policy: TDispatchPolicy): TDispatchMode {
  if (job.insideBusinessHours) return 'working_hours';
  // Out of hours only urgent work is dispatched now; the rest waits for the tenant to open.
  return job.urgent && policy.urgentOutOfHours === 'on_call' ? 'on_call' : 'queued';
}

export function chooseTechnician(input: TChooseTechnicianInput): TDispatchDecision {
  const { job, policy } = input;
  const ix = 'ids' in input.technicians ? input.technicians : indexTechnicians(input.technicians);
  const mode = modeFor(job, policy);
  const c = createContext(ix, input, mode);
  const members = ix.byTenant.get(job.tenantId) ?? new Int32Array(0);
  const excludedCounts = Object.fromEntries(exclusions.map((e) => [e, 0])) as Record<TExclusion, number>;
  const decision = { strategy: policy.strategy, mode, weights: c.weights, considered: members.length, excludedCounts };
  if (mode === 'queued') {
    const result = { ...decision, chosen: null, reason: 'out_of_hours' as const, candidates: [], eligibleCount: 0 };
    return { ...result, summary: describeDecision(result, job) };
  }

  const best = new Int32Array(policy.maxCandidates);
  const bestTotal = new Float64Array(best.length);
  const bestDistance = new Float64Array(best.length);
  const excluded = new Int32Array(Math.max(0, Math.floor(input.listExcluded ?? 20)));
  const excludedDistance = new Float64Array(excluded.length);
  const excludedUnused = new Float64Array(excluded.length);
  const counts = new Int32Array(exclusions.length);
  let bestCount = 0;
  let excludedCount = 0;
  let excludedBound = Infinity;
  let eligibleCount = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    const code = evaluate(c, i);
    if (code === 0) {
      eligibleCount++;
      if (c.measured !== i) measure(c, i);
      bestCount = keepBest(best, bestTotal, bestDistance, bestCount, i, -totalOf(c, i), c.term);
      continue;
    }
    counts[code - 1]!++;
    if (excludedCount === excluded.length) {
      // Full list: the latitude gap alone proves most technicians farther than the last listed.
      const lat = usesLastPosition(c, i) ? ix.posLat[i]! : ix.homeLat[i]!;
      if (excluded.length === 0 || Math.abs(lat - c.lat) > excludedBound) continue;
    }
    if (c.measured !== i) measure(c, i);
    excludedCount = keepBest(excluded, excludedDistance, excludedUnused, excludedCount, i, c.term, 0);
    if (excludedCount === excluded.length && excludedCount > 0) {
      excludedBound = 2 * Math.asin(Math.sqrt(Math.min(1, excludedDistance[excludedCount - 1]!))) * (1 + 1e-9) + 1e-12;
    }
  }
  exclusions.forEach((e, n) => (excludedCounts[e] = counts[n]!));

  const candidates: TCandidate[] = [];
  for (let n = 0; n < bestCount; n++) candidates.push(candidateOf(c, best[n]!));
  for (let n = 0; n < excludedCount; n++) candidates.push(candidateOf(c, excluded[n]!));
  const chosen = bestCount > 0 ? ix.ids[best[0]!]! : null;
  const reason: TDispatchReason = members.length === 0 ? 'no_technicians' : !chosen ? 'none_eligible' : mode === 'on_call' ? 'on_call' : 'best_score';
  const result = { ...decision, chosen, reason, candidates, eligibleCount };
  return { ...result, summary: describeDecision(result, job) };
}
