// Building a formatter costs far more than using one; a load test converts millions of times.
const formats = new Map<string, Intl.DateTimeFormat>();
const noonOffsets = new Map<string, number>();

/** Minutes east of UTC that `timeZone` is at `instant`, read through Intl (no time-zone library). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of a local wall-clock time; the offset is taken at local noon, so it is exact outside the night a clock changes. */
export function localToUtc(day: string, secondsIntoDay: number, timeZone: string): Date {
  const midnightAsUtc = Date.parse(`${day}T00:00:00Z`);
  const key = `${timeZone} ${day}`;
  let offset = noonOffsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutes(new Date(midnightAsUtc + 12 * 3_600_000), timeZone);
    if (noonOffsets.size > 100_000) noonOffsets.clear();
    noonOffsets.set(key, offset);
  }
  return new Date(midnightAsUtc + secondsIntoDay * 1000 - offset * 60_000);
}

/** Local calendar fields of an instant: `2026-11-02`, hour, minute, ISO weekday. */
export function localParts(instant: Date, timeZone: string) {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  const iso = shifted.toISOString();
  return { day: iso.slice(0, 10), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), weekday: shifted.getUTCDay() || 7, stamp: iso.slice(0, 16) };
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
