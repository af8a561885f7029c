import { z } from 'zod';
import { ZEmail, ZId, ZPhoneInput, ZShortText } from '../common.ts';
import { ZBusinessHours, ZCreateTenant } from './tenants.ts';

export const technicianStates = ['free', 'on_job', 'off'] as const;
export const ZTechnicianState = z.enum(technicianStates);
export type TTechnicianStateName = z.infer<typeof ZTechnicianState>;

export const ZLatitude = z.number().min(-90).max(90);
export const ZLongitude = z.number().min(-180).max(180);
export const ZGeoPoint = z.object({ lat: ZLatitude, lon: ZLongitude }).strict();

/** No shape at all is allowed and means "covers nowhere": dispatch never reads it as everywhere. */
export const ZServiceZone = z
  .object({
    circle: z.object({ center: ZGeoPoint, radiusKm: z.number().positive().max(1000) }).strict().optional(),
    polygon: z.array(ZGeoPoint).min(3).max(500).optional(),
  })
  .strict();
export type TServiceZoneInput = z.infer<typeof ZServiceZone>;

// The tenant's HH:MM and weekday rules, but a shift that closes at or before it opens runs past
// midnight (a night technician), which business hours do not allow.
export const ZWorkingSpan = ZBusinessHours.shape.weekly.element.refine((s) => s.open !== s.close, {
  path: ['close'],
  message: 'a shift cannot close when it opens',
});
export type TWorkingSpanInput = z.infer<typeof ZWorkingSpan>;
export const ZTimeZone = ZCreateTenant.shape.timeZone;

const localStamp = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d))?$/;

/** Minutes on the local wall clock; a bare date as `end` means the end of that day (inclusive). */
function localMinutes(value: string, end: boolean): number {
  const m = localStamp.exec(value);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return NaN;
  const minutes = m[4] === undefined ? (end ? 1440 : 0) : Number(m[4]) * 60 + Number(m[5]);
  return date.getTime() / 60_000 + minutes;
}

const ZLocalStamp = z.string().refine((v) => !Number.isNaN(localMinutes(v, false)), 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)');

/** Leave, sick days (`off`) or added shifts (`extra`) in the technician's local time. */
export const ZAvailabilityException = z
  .object({ kind: z.enum(['off', 'extra']), from: ZLocalStamp, to: ZLocalStamp })
  .strict()
  .refine((e) => !(localMinutes(e.from, false) >= localMinutes(e.to, true)), { path: ['to'], message: 'must be after from' });

/** On-call shifts are instants with an offset, so a rota means the same hour in every server zone. */
export const ZOnCallShift = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((s) => Date.parse(s.from) < Date.parse(s.to), { path: ['to'], message: 'must be after from' });

export const ZSkill = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (an appliance type)');
const ZWord = z.string().trim().min(1).max(100);

const technicianFields = {
  name: ZShortText,
  phone: ZPhoneInput,
  email: ZEmail,
  /** The user account (role technician) this technician signs in with. */
  userId: ZId,
  skills: z.array(ZSkill).max(50),
  brands: z.array(ZWord).max(100),
  certifications: z.array(ZWord).max(50),
  home: ZGeoPoint,
  zone: ZServiceZone,
  hours: z.array(ZWorkingSpan).max(50),
  exceptions: z.array(ZAvailabilityException).max(500),
  onCall: z.array(ZOnCallShift).max(500),
  timeZone: ZTimeZone,
  dailyCapacity: z.number().int().min(0).max(100),
  state: ZTechnicianState,
  active: z.boolean(),
  /** Every tenant the technician works for, among those the caller may see. */
  tenantIds: z.array(ZId).min(1).max(100),
};

export const defaultDailyCapacity = 8;

/** `timeZone` defaults to the tenant's; `tenantIds` are other tenants served besides the one in the path. */
export const ZCreateTechnician = z
  .object({
    ...technicianFields,
    email: technicianFields.email.optional(),
    userId: technicianFields.userId.optional(),
    skills: technicianFields.skills.default([]),
    brands: technicianFields.brands.default([]),
    certifications: technicianFields.certifications.default([]),
    zone: technicianFields.zone.default({}),
    hours: technicianFields.hours.default([]),
    exceptions: technicianFields.exceptions.default([]),
    onCall: technicianFields.onCall.default([]),
    timeZone: technicianFields.timeZone.optional(),
    dailyCapacity: technicianFields.dailyCapacity.default(defaultDailyCapacity),
    state: technicianFields.state.default('free'),
    active: technicianFields.active.default(true),
    tenantIds: z.array(ZId).max(100).default([]),
  })
  .strict();
export type TCreateTechnicianInput = z.input<typeof ZCreateTechnician>;

// Built from the fields without defaults: zod keeps a default inside .partial(), which would
// silently reset every omitted field of a patch.
export const ZUpdateTechnician = z
  .object({ ...technicianFields, email: technicianFields.email.nullable(), userId: technicianFields.userId.nullable() })
  .partial()
  .strict();
export type TUpdateTechnicianInput = z.input<typeof ZUpdateTechnician>;

export const ZSetTechnicianState = z.object({ state: ZTechnicianState }).strict();

/** `at` is when the device took the fix; absent means now. */
export const ZReportPosition = z.object({ lat: ZLatitude, lon: ZLongitude, at: z.iso.datetime({ offset: true }).optional() }).strict();

export const ZTechnicianQuery = z.object({
  state: ZTechnicianState.optional(),
  skill: ZSkill.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const ZTechnician = z.object({
  id: ZId,
  userId: ZId.nullable(),
  tenantIds: z.array(ZId),
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  skills: z.array(z.string()),
  brands: z.array(z.string()),
  certifications: z.array(z.string()),
  home: ZGeoPoint,
  zone: ZServiceZone,
  hours: z.array(ZWorkingSpan),
  exceptions: z.array(ZAvailabilityException),
  onCall: z.array(ZOnCallShift),
  timeZone: z.string(),
  dailyCapacity: z.number(),
  state: ZTechnicianState,
  lastPosition: z.object({ lat: z.number(), lon: z.number(), at: z.string() }).nullable(),
  lastAssignedAt: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTechnicianRecord = z.infer<typeof ZTechnician>;

export const ZTechnicianImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  /** One entry per data row, in file order; `row` counts records with the header as 1. */
  rows: z.array(z.object({ row: z.number(), technicianId: ZId, action: z.enum(['created', 'updated']) })),
});
export type TTechnicianImportResult = z.infer<typeof ZTechnicianImportResult>;

const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
// Spreadsheets come from Spanish and Catalan offices too; their abbreviations are accepted.
const dayAliases: Record<string, number> = {
  ...Object.fromEntries(weekdayNames.map((d, i) => [d, i])),
  lun: 0, mar: 1, mie: 2, 'mié': 2, jue: 3, vie: 4, sab: 5, 'sáb': 5, dom: 6,
  dl: 0, dt: 1, dc: 2, dj: 3, dv: 4, ds: 5, dg: 6,
};

function daysOf(text: string): number[] | string {
  const days: number[] = [];
  for (const item of text.split(',')) {
    const [first, last, extra] = item.split('-').map((d) => dayAliases[d.trim().toLowerCase()]);
    if (first === undefined || extra !== undefined || (item.includes('-') && last === undefined)) return `"${item}" is not a day or a day range such as mon-fri`;
    // A range may wrap past Sunday (fri-mon).
    for (let d = first; ; d = (d + 1) % 7) {
      days.push(d);
      if (last === undefined || d === last) break;
    }
  }
  return days;
}

const pad = (time: string) => time.padStart(5, '0');

/**
 * Reads weekly hours written by hand: `mon-fri 08:00-13:00 15:00-19:00; sat 09:00-13:00`. Groups
 * are split by `;`, days by `,` or given as a range; a split shift lists several ranges.
 * Returns the message for the first problem instead of spans.
 */
export function parseWorkingHours(text: string): TWorkingSpanInput[] | string {
  const spans: TWorkingSpanInput[] = [];
  for (const group of text.split(';').map((g) => g.trim()).filter(Boolean)) {
    const [dayText, ...ranges] = group.split(/[\s,]+(?=\d)/);
    const days = daysOf(dayText!.trim());
    if (typeof days === 'string') return days;
    if (ranges.length === 0) return `"${group}" has no hours such as 08:00-18:00`;
    for (const range of ranges) {
      const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(range.trim());
      if (!m) return `"${range.trim()}" is not a range such as 08:00-18:00`;
      for (const day of days) {
        const span = ZWorkingSpan.safeParse({ day: weekdayNames[day], open: pad(m[1]!), close: pad(m[2]!) });
        if (!span.success) return `"${range.trim()}": ${span.error.issues[0]!.message}`;
        spans.push(span.data);
      }
    }
  }
  return spans;
}

export const technicianCsvColumns = [
  'name', 'phone', 'email', 'skills', 'brands', 'certifications', 'home_lat', 'home_lon', 'zone_radius_km', 'hours', 'time_zone', 'daily_capacity',
] as const;
export type TTechnicianCsvColumn = (typeof technicianCsvColumns)[number];
export const requiredCsvColumns: readonly TTechnicianCsvColumn[] = ['name', 'phone', 'home_lat', 'home_lon'];

const required = z.string().trim().min(1, 'required');
/** A blank optional cell is `null` (clear it); a column missing from the header stays `undefined` (keep it). */
const blankIsNull = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable()).optional();
// A decimal comma is accepted: Spanish spreadsheets write 40,4168.
const csvNumber = (range: z.ZodNumber) =>
  z.string().trim().regex(/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/, 'expected a number').transform((s) => Number(s.replace(',', '.'))).pipe(range);
const csvList = <S extends z.ZodType<unknown, string>>(item: S, max: number) =>
  z.string().transform((s) => s.split(';').map((w) => w.trim()).filter(Boolean)).pipe(z.array(item).max(max)).optional();

/** One CSV data row, keyed by column; lists are `;`-separated. */
export const ZTechnicianCsvRow = z
  .object({
    name: required.max(200),
    phone: required.max(40),
    email: blankIsNull(ZEmail),
    skills: csvList(ZSkill, 50),
    brands: csvList(ZWord, 100),
    certifications: csvList(ZWord, 50),
    home_lat: csvNumber(ZLatitude),
    home_lon: csvNumber(ZLongitude),
    zone_radius_km: blankIsNull(csvNumber(z.number().positive().max(1000))),
    hours: z
      .string()
      .transform((text, ctx) => {
        const spans = parseWorkingHours(text);
        if (typeof spans === 'string') ctx.addIssue({ code: 'custom', message: spans });
        return typeof spans === 'string' ? z.NEVER : spans;
      })
      .optional(),
    time_zone: blankIsNull(ZTimeZone),
    daily_capacity: blankIsNull(csvNumber(z.number().int().min(0).max(100))),
  })
  .strict();
export type TTechnicianCsvRow = z.output<typeof ZTechnicianCsvRow>;
