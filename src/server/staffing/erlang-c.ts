/**
 * Erlang C staffing arithmetic (see shared ERLANG.md). All times are in seconds, loads in erlangs.
 *
 * Everything is built on the Erlang B recursion, whose every term is a ratio in [0, 1]: the
 * textbook A^N / N! form overflows a double beyond about 170 agents, and the recursion stays
 * exact to the last few digits for loads of many thousands of erlangs.
 */

/** Beyond this a staffing question is not a real contact centre; the search gives up rather than run on. */
export const maxAgentsSearched = 100_000;

export interface StaffingTarget {
  callsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
  /** Fraction of calls to answer within `targetSeconds`, in (0, 1). */
  targetServiceLevel: number;
  targetSeconds: number;
  /** Highest acceptable share of time agents spend on calls, in (0, 1]. */
  maxOccupancy?: number;
  /** Share of paid time agents are not available (breaks, training, absence), in [0, 1). */
  shrinkage?: number;
  /** The search stops here; defaults to `maxAgentsSearched`. */
  maxAgents?: number;
}

export interface Staffing {
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  probabilityOfWaiting: number;
  averageSpeedOfAnswer: number;
  occupancy: number;
  offeredLoad: number;
}

function requireThat(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new RangeError(`${what}, got ${String(value)}`);
}

const isFiniteAtLeast = (value: number, min: number) => Number.isFinite(value) && value >= min;
const requireAgents = (agents: number) => requireThat(Number.isInteger(agents) && agents >= 0, 'agents must be a whole number ≥ 0', agents);
const requireLoad = (load: number) => requireThat(isFiniteAtLeast(load, 0), 'load must be a finite number ≥ 0', load);
const requireAht = (aht: number) => requireThat(Number.isFinite(aht) && aht > 0, 'ahtSeconds must be > 0', aht);

/** A = λ · AHT: calls in an interval times their handling time, over the interval's length. */
export function offeredLoad(callsPerInterval: number, intervalSeconds: number, ahtSeconds: number): number {
  requireThat(isFiniteAtLeast(callsPerInterval, 0), 'callsPerInterval must be a finite number ≥ 0', callsPerInterval);
  requireThat(Number.isFinite(intervalSeconds) && intervalSeconds > 0, 'intervalSeconds must be > 0', intervalSeconds);
  requireAht(ahtSeconds);
  return (callsPerInterval * ahtSeconds) / intervalSeconds;
}

const nextErlangB = (previous: number, agents: number, load: number) => (load * previous) / (agents + load * previous);

/** Blocking probability with `agents` servers and no queue; O(agents) steps. */
export function erlangB(agents: number, load: number): number {
  requireAgents(agents);
  requireLoad(load);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = nextErlangB(b, n, load);
  return b;
}

/**
 * The queue-side figures for N agents given B(N, A). With no load nothing ever waits; with
 * N ≤ A the queue grows without bound, so every call waits, none within any target, forever.
 */
function figuresAt(agents: number, load: number, b: number, ahtSeconds: number, targetSeconds: number) {
  if (load === 0) return { probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswer: 0, occupancy: 0 };
  if (agents <= load) return { probabilityOfWaiting: 1, serviceLevel: 0, averageSpeedOfAnswer: Infinity, occupancy: 1 };
  const c = (agents * b) / (agents - load * (1 - b));
  return {
    probabilityOfWaiting: c,
    serviceLevel: 1 - c * Math.exp((-(agents - load) * targetSeconds) / ahtSeconds),
    averageSpeedOfAnswer: (c * ahtSeconds) / (agents - load),
    occupancy: load / agents,
  };
}

/** Erlang C: the chance a call has to queue. Meaningful only for N > A; N ≤ A answers 1 (and A = 0 answers 0). */
export function probabilityOfWaiting(agents: number, load: number): number {
  return figuresAt(agents, load, erlangB(agents, load), 1, 0).probabilityOfWaiting;
}

/** Share of calls answered within `targetSeconds`; 0 when N ≤ A. */
export function serviceLevel(agents: number, load: number, ahtSeconds: number, targetSeconds: number): number {
  requireAht(ahtSeconds);
  requireThat(isFiniteAtLeast(targetSeconds, 0), 'targetSeconds must be a finite number ≥ 0', targetSeconds);
  return figuresAt(agents, load, erlangB(agents, load), ahtSeconds, targetSeconds).serviceLevel;
}

/** Mean wait over all calls, answered at once or not; Infinity when N ≤ A. */
export function averageSpeedOfAnswer(agents: number, load: number, ahtSeconds: number): number {
  requireAht(ahtSeconds);
  return figuresAt(agents, load, erlangB(agents, load), ahtSeconds, 0).averageSpeedOfAnswer;
}

/** A / N, capped at 1 because agents cannot be busier than all the time. */
export function occupancy(agents: number, load: number): number {
  requireAgents(agents);
  requireLoad(load);
  if (load === 0) return 0;
  return agents <= load ? 1 : load / agents;
}

/** ⌈N / (1 − s)⌉: heads to roster so that N are on the phones after shrinkage. */
export function scheduledAgents(agents: number, shrinkage: number): number {
  requireAgents(agents);
  requireThat(Number.isFinite(shrinkage) && shrinkage >= 0 && shrinkage < 1, 'shrinkage must be in [0, 1)', shrinkage);
  const raw = agents / (1 - shrinkage);
  // 1 / (1 − 0.8) is 5.000000000000001 in binary floating point; rounding it up would add a person.
  const nearest = Math.round(raw);
  return Math.abs(raw - nearest) <= 1e-9 * Math.max(1, raw) ? nearest : Math.ceil(raw);
}

/**
 * The smallest N > A that `accepts`, stepping B(N, A) forward one agent at a time so each
 * candidate costs O(1) after the first; undefined past `maxAgents`.
 */
function searchAgents(load: number, maxAgents: number, accepts: (agents: number, b: number) => boolean): number | undefined {
  const first = Math.floor(load) + 1;
  if (!(first <= maxAgents)) return undefined;
  let b = erlangB(first, load);
  for (let n = first; n <= maxAgents; n++) {
    if (n > first) b = nextErlangB(b, n, load);
    if (accepts(n, b)) return n;
  }
  return undefined;
}

/**
 * The smallest N > A meeting the service level (and the maximum occupancy, when given), or
 * undefined when that takes more than `maxAgents`. No calls at all need no agents: that one
 * case answers 0 agents with a service level of 1.
 */
export function findRequiredAgents(target: StaffingTarget): Staffing | undefined {
  const load = offeredLoad(target.callsPerInterval, target.intervalSeconds, target.ahtSeconds);
  const { ahtSeconds, targetSeconds, targetServiceLevel, maxOccupancy = 1, shrinkage = 0 } = target;
  requireThat(targetServiceLevel > 0 && targetServiceLevel < 1, 'targetServiceLevel must be in (0, 1)', targetServiceLevel);
  requireThat(isFiniteAtLeast(targetSeconds, 0), 'targetSeconds must be a finite number ≥ 0', targetSeconds);
  requireThat(maxOccupancy > 0 && maxOccupancy <= 1, 'maxOccupancy must be in (0, 1]', maxOccupancy);
  requireThat(shrinkage >= 0 && shrinkage < 1, 'shrinkage must be in [0, 1)', shrinkage);
  const maxAgents = target.maxAgents ?? maxAgentsSearched;
  if (target.callsPerInterval === 0) {
    return { agents: 0, scheduledAgents: 0, serviceLevel: 1, probabilityOfWaiting: 0, averageSpeedOfAnswer: 0, occupancy: 0, offeredLoad: 0 };
  }
  let figures: ReturnType<typeof figuresAt> | undefined;
  const agents = searchAgents(load, maxAgents, (n, b) => {
    figures = figuresAt(n, load, b, ahtSeconds, targetSeconds);
    return figures.serviceLevel >= targetServiceLevel && figures.occupancy <= maxOccupancy;
  });
  if (agents === undefined || !figures) return undefined;
  return { agents, scheduledAgents: scheduledAgents(agents, shrinkage), ...figures, offeredLoad: load };
}

/** As `findRequiredAgents`, for callers whose inputs cannot be out of reach; throws RangeError when they are. */
export function requiredAgents(target: StaffingTarget): Staffing {
  const staffing = findRequiredAgents(target);
  if (!staffing) throw new RangeError(`more than ${target.maxAgents ?? maxAgentsSearched} agents would be needed`);
  return staffing;
}

/** The smallest N > A whose probability of waiting is at most `maxWaitProbability`, or undefined past `maxAgents`. */
export function findAgentsForWaitProbability(load: number, maxWaitProbability: number, maxAgents = maxAgentsSearched): number | undefined {
  requireLoad(load);
  requireThat(maxWaitProbability > 0 && maxWaitProbability <= 1, 'maxWaitProbability must be in (0, 1]', maxWaitProbability);
  return searchAgents(load, maxAgents, (n, b) => figuresAt(n, load, b, 1, 0).probabilityOfWaiting <= maxWaitProbability);
}
