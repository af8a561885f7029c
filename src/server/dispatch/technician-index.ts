import { earthRadiusKm, flattenPolygon, haversineTermForKm, type TGeoPoint, type TServiceZone } from './geo.ts';
import {
  compileSchedule,
  compileWeeklyHours,
  createLocalClock,
  packSchedules,
  type TCompiledSchedule,
  type TLocalInstant,
  type TScheduleTable,
  type TTechnicianSchedule,
} from './technician-availability.ts';

export type TTechnicianState = 'free' | 'on_job' | 'off';

/** A technician as dispatch sees one; one technician may work for several tenants. */
export type TTechnician = TTechnicianSchedule & {
  id: string;
  tenantIds: readonly string[];
  /** Appliance types the technician repairs (the protocol's `appliance_type` values). */
  skills: readonly string[];
  brands: readonly string[];
  certifications: readonly string[];
  home: TGeoPoint;
  lastPosition?: TGeoPoint & { at: Date };
  zone: TServiceZone;
  dailyCapacity: number;
  jobsToday: number;
  state: TTechnicianState;
  lastAssignedAt?: Date;
};

export type TTechnicianLiveState = Partial<{
  state: TTechnicianState;
  jobsToday: number;
  lastPosition: (TGeoPoint & { at: Date }) | null;
  lastAssignedAt: Date | null;
}>;

export const stateCodes: Record<TTechnicianState, number> = { free: 0, on_job: 1, off: 2 };

/** Interned words become bit positions, so a skill or brand test is one AND on a typed array. */
export type TVocabulary = { readonly bits: ReadonlyMap<string, number>; readonly words: number; readonly sets: Uint32Array };

/**
 * Technicians compiled once into parallel typed arrays (sorted by id, so index order is the
 * deterministic tie-break) that a decision scans without allocating. Angles are radians;
 * NaN marks an absent value. Rebuild it when the roster changes; update live state in place.
 */
export type TTechnicianIndex = {
  readonly size: number;
  readonly ids: readonly string[];
  readonly positionOf: ReadonlyMap<string, number>;
  readonly byTenant: ReadonlyMap<string, Int32Array>;
  readonly skills: TVocabulary;
  readonly brands: TVocabulary;
  readonly certifications: TVocabulary;
  readonly homeLat: Float64Array;
  readonly homeLon: Float64Array;
  readonly homeCos: Float64Array;
  readonly posLat: Float64Array;
  readonly posLon: Float64Array;
  readonly posCos: Float64Array;
  readonly posAt: Float64Array;
  readonly circleLat: Float64Array;
  readonly circleLon: Float64Array;
  readonly circleCos: Float64Array;
  readonly circleTerm: Float64Array;
  /** The circle's radius as an angle, for a latitude-only rejection before the haversine. */
  readonly circleAngle: Float64Array;
  /** [minLat, maxLat, minLon, maxLon] per technician, degrees; NaN without a polygon. */
  readonly polygonBox: Float64Array;
  readonly polygons: readonly (Float64Array | null)[];
  readonly timeZones: readonly string[];
  readonly clocks: readonly ((at: Date | number) => TLocalInstant)[];
  readonly timeZoneOf: Uint16Array;
  readonly schedules: TScheduleTable;
  readonly dailyCapacity: Float64Array;
  readonly jobsToday: Float64Array;
  readonly state: Uint8Array;
  readonly lastAssignedAt: Float64Array;
};

const toRad = Math.PI / 180;

export function normaliseWord(word: string): string {
  return word.trim().toLowerCase();
}

function buildVocabulary(lists: readonly (readonly string[])[]): TVocabulary {
  const bits = new Map<string, number>();
  for (const list of lists) for (const word of list) if (!bits.has(normaliseWord(word))) bits.set(normaliseWord(word), bits.size);
  const words = Math.max(1, Math.ceil(bits.size / 32));
  const sets = new Uint32Array(lists.length * words);
  lists.forEach((list, i) => {
    for (const word of list) {
      const bit = bits.get(normaliseWord(word))!;
      sets[i * words + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  });
  return { bits, words, sets };
}

export function hasWord(vocabulary: TVocabulary, technician: number, bit: number): boolean {
  return bit >= 0 && (vocabulary.sets[technician * vocabulary.words + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
}

export function indexTechnicians(technicians: readonly TTechnician[]): TTechnicianIndex {
  const sorted = [...technicians].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = sorted.length;
  const positionOf = new Map<string, number>();
  const tenantLists = new Map<string, number[]>();
  const timeZoneIds = new Map<string, number>();
  // Most technicians share a handful of weekly patterns; compile each pattern once.
  const weeklyByKey = new Map<string, Int32Array>();
  const compiled: TCompiledSchedule[] = [];
  const f64 = (fill = NaN) => new Float64Array(n).fill(fill);
  const index = {
    size: n,
    ids: sorted.map((t) => t.id),
    positionOf,
    byTenant: new Map<string, Int32Array>(),
    skills: buildVocabulary(sorted.map((t) => t.skills)),
    brands: buildVocabulary(sorted.map((t) => t.brands)),
    certifications: buildVocabulary(sorted.map((t) => t.certifications)),
    homeLat: f64(), homeLon: f64(), homeCos: f64(),
    posLat: f64(), posLon: f64(), posCos: f64(), posAt: f64(),
    circleLat: f64(), circleLon: f64(), circleCos: f64(), circleTerm: f64(), circleAngle: f64(),
    polygonBox: new Float64Array(n * 4).fill(NaN),
    polygons: [] as (Float64Array | null)[],
    timeZones: [] as string[],
    clocks: [] as ((at: Date | number) => TLocalInstant)[],
    timeZoneOf: new Uint16Array(n),
    schedules: { pool: new Float64Array(0), slots: new Int32Array(0) } as TScheduleTable,
    dailyCapacity: f64(0), jobsToday: f64(0),
    state: new Uint8Array(n),
    lastAssignedAt: f64(),
  } satisfies TTechnicianIndex;

  sorted.forEach((t, i) => {
    if (positionOf.has(t.id)) throw new Error(`duplicate technician id ${t.id}`);
    positionOf.set(t.id, i);
    for (const tenantId of new Set(t.tenantIds)) {
      const list = tenantLists.get(tenantId) ?? [];
      list.push(i);
      tenantLists.set(tenantId, list);
    }
    index.homeLat[i] = t.home.lat * toRad;
    index.homeLon[i] = t.home.lon * toRad;
    index.homeCos[i] = Math.cos(t.home.lat * toRad);
    if (t.zone.circle) {
      index.circleLat[i] = t.zone.circle.center.lat * toRad;
      index.circleLon[i] = t.zone.circle.center.lon * toRad;
      index.circleCos[i] = Math.cos(t.zone.circle.center.lat * toRad);
      index.circleTerm[i] = haversineTermForKm(t.zone.circle.radiusKm);
      index.circleAngle[i] = Math.min(Math.PI, t.zone.circle.radiusKm / earthRadiusKm) * (1 + 1e-9) + 1e-12;
    }
    const polygon = t.zone.polygon && t.zone.polygon.length >= 3 ? t.zone.polygon : undefined;
    index.polygons.push(polygon ? flattenPolygon(polygon) : null);
    if (polygon) {
      index.polygonBox.set([
        Math.min(...polygon.map((p) => p.lat)), Math.max(...polygon.map((p) => p.lat)),
        Math.min(...polygon.map((p) => p.lon)), Math.max(...polygon.map((p) => p.lon)),
      ], i * 4);
    }
    let tz = timeZoneIds.get(t.timeZone);
    if (tz === undefined) {
      tz = timeZoneIds.size;
      timeZoneIds.set(t.timeZone, tz);
      index.timeZones.push(t.timeZone);
      index.clocks.push(createLocalClock(t.timeZone));
    }
    index.timeZoneOf[i] = tz;
    const weeklyKey = JSON.stringify(t.hours);
    let weekly = weeklyByKey.get(weeklyKey);
    if (!weekly) weeklyByKey.set(weeklyKey, (weekly = compileWeeklyHours(t.hours)));
    compiled.push(compileSchedule(t, weekly));
    index.dailyCapacity[i] = t.dailyCapacity;
    applyLiveState(index, i, t);
  });
  for (const [tenantId, list] of tenantLists) index.byTenant.set(tenantId, Int32Array.from(list));
  return { ...index, schedules: packSchedules(compiled) };
}

function applyLiveState(index: TTechnicianIndex, i: number, live: TTechnicianLiveState): void {
  if (live.state !== undefined) index.state[i] = stateCodes[live.state];
  if (live.jobsToday !== undefined) index.jobsToday[i] = live.jobsToday;
  if (live.lastAssignedAt !== undefined) index.lastAssignedAt[i] = live.lastAssignedAt ? live.lastAssignedAt.getTime() : NaN;
  if (live.lastPosition !== undefined) {
    const p = live.lastPosition;
    index.posLat[i] = p ? p.lat * toRad : NaN;
    index.posLon[i] = p ? p.lon * toRad : NaN;
    index.posCos[i] = p ? Math.cos(p.lat * toRad) : NaN;
    index.posAt[i] = p ? p.at.getTime() : NaN;
  }
}

/**
 * State, today's jobs, position and last assignment change all day; updating them in place
 * keeps one index per roster instead of rebuilding it for every change.
 */
export function updateTechnicianLiveState(index: TTechnicianIndex, technicianId: string, live: TTechnicianLiveState): void {
  const i = index.positionOf.get(technicianId);
  if (i === undefined) throw new Error(`technician ${technicianId} is not in the index`);
  applyLiveState(index, i, live);
}
