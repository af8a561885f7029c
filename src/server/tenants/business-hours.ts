import type { TBusinessHours } from '../../shared/api/tenants.ts';

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

// Building a formatter costs far more than using one; calls arrive on the media thread.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The tenant's local weekday, date and time at an instant, whatever the server's own zone. */
export function localTime(at: Date, timeZone: string) {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const day = weekdays.find((d) => d === String(parts.weekday).toLowerCase().slice(0, 3))!;
  return { day, date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Open when the local time falls in one of the day's spans and the date is not a closed date. */
export function isOpenAt(hours: TBusinessHours, timeZone: string, at: Date): boolean {
  const local = localTime(at, timeZone);
  if (hours.closedDates.includes(local.date)) return false;
  return hours.weekly.some((span) => span.day === local.day && span.open <= local.time && local.time < span.close);
}
