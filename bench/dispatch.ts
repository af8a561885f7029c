// Chooses among 10,000 random technicians across Spain with the weighted policy and prints
// decision-time percentiles. Seeded, so every run measures the same roster and jobs.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ZDispatchPolicy } from '../src/shared/dispatch-policy.ts';
import { chooseTechnician, type TDispatchJob } from '../src/server/dispatch/score-candidates.ts';
import { indexTechnicians, type TTechnician } from '../src/server/dispatch/technician-index.ts';
import { createLocalClock, type TWorkingSpan } from '../src/server/dispatch/technician-availability.ts';
import type { TGeoPoint } from '../src/server/dispatch/geo.ts';

const { values } = parseArgs({
  options: {
    technicians: { type: 'string', default: '10000' },
    decisions: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261123' },
  },
});
const technicianCount = Number(values.technicians);
const decisionCount = Number(values.decisions);

// mulberry32: small, fast and good enough to spread test data.
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (min: number, max: number) => min + random() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const some = <T>(items: readonly T[], min: number, max: number): T[] =>
  [...items].sort(() => random() - 0.5).slice(0, min + Math.floor(random() * (max - min + 1)));

const appliances = ['washing_machine', 'dishwasher', 'refrigerator', 'oven', 'boiler', 'air_conditioning', 'water_heater', 'dryer'];
const brands = ['Bosch', 'Balay', 'Siemens', 'LG', 'Samsung', 'Whirlpool', 'Teka', 'Fagor', 'Junkers', 'Vaillant',
  'Saunier Duval', 'Baxi', 'Ariston', 'Daikin', 'Mitsubishi', 'Fujitsu', 'Candy', 'Beko', 'AEG', 'Electrolux'];
const weekdaysOf = (days: string) => days.split(' ') as TWorkingSpan['day'][];
const span = (days: string, open: string, close: string) => weekdaysOf(days).map((day) => ({ day, open, close }));
const hourPatterns: TWorkingSpan[][] = [
  span('mon tue wed thu fri', '08:00', '18:00'),
  span('mon tue wed thu fri', '08:00', '15:00'),
  [...span('mon tue wed thu fri sat', '09:00', '14:00'), ...span('mon tue wed thu fri', '16:00', '20:00')],
  span('tue wed thu fri sat', '10:00', '19:00'),
  span('mon tue wed thu fri', '20:00', '06:00'),
];
// The bench week: Monday 2026-11-23 00:00 to Monday 2026-11-30 00:00, Madrid time.
const weekStart = Date.parse('2026-11-23T00:00:00+01:00');
const weekMs = 7 * 86_400_000;

function placeInSpain(): { point: TGeoPoint; timeZone: string } {
  if (random() < 0.05) return { point: { lat: between(27.7, 29.3), lon: between(-18.0, -13.5) }, timeZone: 'Atlantic/Canary' };
  return { point: { lat: between(36.2, 43.6), lon: between(-9.2, 3.2) }, timeZone: 'Europe/Madrid' };
}

function polygonAround(center: TGeoPoint, radiusKm: number): TGeoPoint[] {
  return Array.from({ length: 6 }, (_, k) => {
    const angle = (k / 6) * 2 * Math.PI;
    const r = radiusKm * between(0.7, 1.1);
    return { lat: center.lat + (r / 111.2) * Math.sin(angle), lon: center.lon + (r / (111.2 * Math.cos((center.lat * Math.PI) / 180))) * Math.cos(angle) };
  });
}

function randomTechnician(n: number): TTechnician {
  const { point: home, timeZone } = placeInSpain();
  const capacity = 4 + Math.floor(random() * 7);
  const nightStart = weekStart + Math.floor(random() * 7) * 86_400_000 + 18 * 3_600_000;
  return {
    id: `tec-${String(n).padStart(5, '0')}`,
    tenantIds: random() < 0.2 ? ['bench', pick(['other-a', 'other-b'])] : ['bench'],
    skills: some(appliances, 1, 3),
    brands: some(brands, 1, 4),
    certifications: [...(random() < 0.3 ? ['gas'] : []), ...(random() < 0.2 ? ['refrigerant'] : [])],
    home,
    ...(random() < 0.5 ? { lastPosition: { lat: home.lat + between(-0.2, 0.2), lon: home.lon + between(-0.2, 0.2), at: new Date(weekStart + random() * weekMs) } } : {}),
    zone: random() < 0.7 ? { circle: { center: home, radiusKm: between(20, 80) } } : { polygon: polygonAround(home, between(30, 70)) },
    timeZone,
    hours: pick(hourPatterns),
    exceptions: random() < 0.1 ? [{ kind: 'off', from: '2026-11-25', to: '2026-11-27' }] : [],
    onCall: random() < 0.15 ? [{ from: new Date(nightStart), to: new Date(nightStart + 14 * 3_600_000) }] : [],
    dailyCapacity: capacity,
    jobsToday: Math.floor(random() * (capacity + 1)),
    state: random() < 0.7 ? 'free' : random() < 0.67 ? 'on_job' : 'off',
    ...(random() < 0.8 ? { lastAssignedAt: new Date(weekStart - random() * 3 * 86_400_000) } : {}),
  };
}

const madridClock = createLocalClock('Europe/Madrid');
/**
 * Jobs that are dispatched now: inside business hours, or urgent out of hours (on-call rota).
 * A non-urgent job out of hours is queued without a scan, which would only flatter the figures.
 */
function randomJob(): { job: TDispatchJob; at: Date } {
  const at = new Date(weekStart + random() * weekMs);
  const local = madridClock(at);
  const minuteOfDay = local.minuteOfWeek % 1440;
  const insideBusinessHours = local.minuteOfWeek < 5 * 1440 && minuteOfDay >= 8 * 60 && minuteOfDay < 20 * 60;
  const applianceType = pick(appliances);
  return {
    at,
    job: {
      tenantId: 'bench',
      applianceType,
      ...(random() < 0.7 ? { brand: pick(brands) } : {}),
      ...(applianceType === 'boiler' && random() < 0.5 ? { requiredCertifications: ['gas'] } : {}),
      urgent: !insideBusinessHours || random() < 0.15,
      location: placeInSpain().point,
      insideBusinessHours,
    },
  };
}

const technicians = Array.from({ length: technicianCount }, (_, n) => randomTechnician(n));
const jobs = Array.from({ length: decisionCount }, randomJob);
const policy = ZDispatchPolicy.parse({ strategy: 'weighted' });

const buildStart = performance.now();
const index = indexTechnicians(technicians);
const buildMs = performance.now() - buildStart;

// Warm the JIT on jobs that are not measured, as a long-running server would be.
for (let n = 0; n < 300; n++) {
  const { job, at } = randomJob();
  chooseTechnician({ job, technicians: index, policy, at });
}

const times = new Float64Array(jobs.length);
let chosen = 0;
let eligible = 0;
let onCall = 0;
jobs.forEach(({ job, at }, n) => {
  const start = performance.now();
  const decision = chooseTechnician({ job, technicians: index, policy, at });
  times[n] = performance.now() - start;
  if (decision.mode === 'on_call') onCall++;
  if (decision.chosen) chosen++;
  eligible += decision.eligibleCount;
});

times.sort();
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const ms = (v: number) => v.toFixed(3);
console.log(
  `bench:dispatch  ${technicianCount} technicians, ${decisionCount} decisions (weighted): ` +
    `p50 ${ms(at(0.5))} ms, p99 ${ms(at(0.99))} ms, max ${ms(times[times.length - 1]!)} ms; index built in ${buildMs.toFixed(1)} ms`,
);
console.log(
  `  ${jobs.length - onCall} in working hours, ${onCall} urgent out of hours (on-call rota); ` +
    `${chosen} got a technician; ${(eligible / jobs.length).toFixed(1)} eligible per decision on average`,
);
