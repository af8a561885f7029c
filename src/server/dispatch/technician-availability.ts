export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof weekdays)[number];

/** A weekly shift in the technician's local time; `close` at or before `open` runs past midnight. */
export type TWorkingSpan = { day: TWeekday; open: string; close: string };

/**
 * A local-time exception: `off` (holiday, sick leave, a morning at the doctor) or `extra` (an
 * added shift). `from`/`to` are `YYYY-MM-DD` (whole days, `to` inclusive) or `YYYY-MM-DDTHH:MM`
 * (`to` exclusive). Off wins over weekly hours, extra shifts and the on-call rota: nobody on
 * leave should get an urgent call because a rota was not updated.
 */
export type TAvailabilityException = { kind: 'off' | 'extra'; from: string; to: string };

/** An on-call rota entry as instants; strings must carry an offset so no server zone leaks in. */
export type TOnCallShift = { from: string | Date; to: string | Date };

export type TTechnicianSchedule = {
  timeZone: string;
  hours: readonly TWorkingSpan[];
  exceptions: readonly TAvailabilityException[];
  onCall: readonly TOnCallShift[];
};

/** Flat [start, end) pairs: minutes of the week (Monday 00:00 = 0), local minutes, epoch ms. */
export type TCompiledSchedule = { weekly: Int32Array; off: Float64Array; extra: Float64Array; onCall: Float64Array };

/** `localMinute` counts minutes since 1970-01-01T00:00 on the local wall clock. */
export type TLocalInstant = { minuteOfWeek: number; localMinute: number };

const minutesPerDay = 1440;
const minutesPerWeek = 7 * minutesPerDay;

function parseHhMm(value: string): number {
  const match = /^(\d{2}):([0-5]\d)$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes <= minutesPerDay)) throw new Error(`invalid time ${JSON.stringify(value)}`);
  return minutes;
}

function localMinuteOf(year: number, month: number, day: number, minutes: number): number {
  return (Date.UTC(year, month - 1, day) / 86_400_000) * minutesPerDay + minutes;
}

/** `end` turns a bare date into the minute after that day, making whole-day ranges inclusive. */
function parseLocalStamp(value: string, end: boolean): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value);
  if (!match) throw new Error(`invalid local date-time ${JSON.stringify(value)}`);
  const time = match[4] === undefined ? (end ? minutesPerDay : 0) : parseHhMm(match[4]);
  return localMinuteOf(Number(match[1]), Number(match[2]), Number(match[3]), time);
}

function parseInstant(value: string | Date): number {
  if (typeof value === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) throw new Error(`on-call time ${JSON.stringify(value)} needs an offset`);
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new Error(`invalid on-call time ${JSON.stringify(value)}`);
  return ms;
}

export function compileWeeklyHours(hours: readonly TWorkingSpan[]): Int32Array {
  const ranges: number[] = [];
  for (const span of hours) {
    const dayStart = weekdays.indexOf(span.day) * minutesPerDay;
    if (dayStart < 0) throw new Error(`invalid weekday ${JSON.stringify(span.day)}`);
    const open = parseHhMm(span.open);
    const close = parseHhMm(span.close);
    if (close > open) ranges.push(dayStart + open, dayStart + close);
    else {
      // Overnight: the part before midnight, then the morning of the next day (Sunday wraps to Monday).
      ranges.push(dayStart + open, dayStart + minutesPerDay);
      const next = (dayStart + minutesPerDay) % minutesPerWeek;
      if (close > 0) ranges.push(next, next + close);
    }
  }
  return Int32Array.from(ranges);
}

export function compileSchedule(schedule: Omit<TTechnicianSchedule, 'timeZone'>, weekly = compileWeeklyHours(schedule.hours)): TCompiledSchedule {
  const off: number[] = [];
  const extra: number[] = [];
  for (const exception of schedule.exceptions) {
    (exception.kind === 'off' ? off : extra).push(parseLocalStamp(exception.from, false), parseLocalStamp(exception.to, true));
  }
  const onCall = schedule.onCall.flatMap((shift) => [parseInstant(shift.from), parseInstant(shift.to)]);
  return { weekly, off: Float64Array.from(off), extra: Float64Array.from(extra), onCall: Float64Array.from(onCall) };
}

/**
 * Schedules packed for the dispatch loop: every range in one pool, and per technician eight
 * offsets (weekly, off, extra, on-call: from, to). Thousands of small typed arrays would cost a
 * cache miss per pointer; this reads one line of offsets and a pool whose weekly part is shared.
 */
export type TScheduleTable = { pool: Float64Array; slots: Int32Array };

export function packSchedules(schedules: readonly TCompiledSchedule[]): TScheduleTable {
  const pool: number[] = [];
  const slots = new Int32Array(schedules.length * 8);
  const weeklyAt = new Map<Int32Array, number>();
  const append = (ranges: ArrayLike<number>) => {
    const from = pool.length;
    for (let k = 0; k < ranges.length; k++) pool.push(ranges[k]!);
    return from;
  };
  schedules.forEach((schedule, i) => {
    let weekly = weeklyAt.get(schedule.weekly);
    if (weekly === undefined) weeklyAt.set(schedule.weekly, (weekly = append(schedule.weekly)));
    const parts = [weekly, schedule.off, schedule.extra, schedule.onCall] as const;
    slots[i * 8] = weekly;
    slots[i * 8 + 1] = weekly + schedule.weekly.length;
    for (let part = 1; part < 4; part++) {
      const ranges = parts[part] as Float64Array;
      const from = append(ranges);
      slots[i * 8 + part * 2] = from;
      slots[i * 8 + part * 2 + 1] = from + ranges.length;
    }
  });
  return { pool: Float64Array.from(pool), slots };
}

function inRanges(pool: Float64Array, from: number, to: number, value: number): boolean {
  for (let k = from; k < to; k += 2) if (pool[k]! <= value && value < pool[k + 1]!) return true;
  return false;
}

export function worksAt(table: TScheduleTable, i: number, minuteOfWeek: number, localMinute: number): boolean {
  const { pool, slots } = table;
  const s = i * 8;
  if (inRanges(pool, slots[s + 2]!, slots[s + 3]!, localMinute)) return false;
  return inRanges(pool, slots[s]!, slots[s + 1]!, minuteOfWeek) || inRanges(pool, slots[s + 4]!, slots[s + 5]!, localMinute);
}

export function onCallAt(table: TScheduleTable, i: number, localMinute: number, atMs: number): boolean {
  const { pool, slots } = table;
  const s = i * 8;
  return inRanges(pool, slots[s + 6]!, slots[s + 7]!, atMs) && !inRanges(pool, slots[s + 2]!, slots[s + 3]!, localMinute);
}

/**
 * A reusable reader of the wall clock in one time zone. Building an Intl.DateTimeFormat costs
 * far more than formatting with one, so the index keeps one per distinct zone.
 */
export function createLocalClock(timeZone: string): (at: Date | number) => TLocalInstant {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  });
  return (at) => {
    let year = 0, month = 0, day = 0, hour = 0, minute = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
    }
    const localMinute = localMinuteOf(year, month, day, hour * 60 + minute);
    const days = Math.floor(localMinute / minutesPerDay);
    // 1970-01-01 was a Thursday, index 3 when Monday is 0.
    const minuteOfWeek = (((days + 3) % 7) + 7) % 7 * minutesPerDay + (localMinute - days * minutesPerDay);
    return { minuteOfWeek, localMinute };
  };
}

/** On duty in working hours: weekly spans or an extra shift, and not off. */
export function isWorkingAt(schedule: TTechnicianSchedule, at: Date): boolean {
  const local = createLocalClock(schedule.timeZone)(at);
  return worksAt(packSchedules([compileSchedule(schedule)]), 0, local.minuteOfWeek, local.localMinute);
}

/** On the on-call rota at this instant, and not off. */
export function isOnCallAt(schedule: TTechnicianSchedule, at: Date): boolean {
  const local = createLocalClock(schedule.timeZone)(at);
  return onCallAt(packSchedules([compileSchedule(schedule)]), 0, local.localMinute, at.getTime());
}
