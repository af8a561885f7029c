import { z } from 'zod';
import { ZId } from '../common.ts';

const isCalendarDate = (value: string) => {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value);
};
const ZLocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-11-01').refine(isCalendarDate, 'not a calendar date');

export const reportIntervals = ['15m', '30m', '60m', 'day', 'week', 'month'] as const;
export const ZReportInterval = z.enum(reportIntervals);
export type TReportInterval = z.infer<typeof ZReportInterval>;

/** The longest period one report may cover: a year of 15-minute buckets is already 35,000 rows. */
export const maxReportDays = 400;

const ZPeriodShape = z.strictObject({
  /** Omitted: every tenant the caller may see, each in its own time zone. */
  tenantId: ZId.optional(),
  /** First local day, inclusive, in the tenant's time zone. */
  from: ZLocalDate,
  /** Last local day, inclusive. */
  to: ZLocalDate,
});

const checkPeriod = <T extends { from: string; to: string }>(value: T, ctx: z.RefinementCtx) => {
  // A bad date is already reported on its own field.
  if (!isCalendarDate(value.from) || !isCalendarDate(value.to)) return;
  const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (days >= maxReportDays) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period is limited to ${maxReportDays} days` });
};

export const ZPeriodQuery = ZPeriodShape.superRefine(checkPeriod);
export type TPeriodQuery = z.output<typeof ZPeriodQuery>;

export const ZTrafficQuery = ZPeriodShape.extend({ interval: ZReportInterval.default('day') }).superRefine(checkPeriod);
export type TTrafficQuery = z.output<typeof ZTrafficQuery>;

export const ZStaffingPlanQuery = z.strictObject({
  tenantId: ZId,
  /** The local day to staff. */
  day: ZLocalDate,
  interval: z.enum(['15m', '30m', '60m']).default('30m'),
  /** `actual`: the day's own traffic; `forecast`: the same weekday and interval over the past `weeks` weeks. */
  source: z.enum(['actual', 'forecast']).default('actual'),
  weeks: z.coerce.number().int().min(1).max(52).default(4),
});
export type TStaffingPlanQuery = z.output<typeof ZStaffingPlanQuery>;

export const abandonBuckets = ['0-5', '5-15', '15-30', '30-60', '60-120', '120+'] as const;

/** The figures of one bucket (or of the whole period). Durations in seconds; shares in [0, 1]; null when nothing to divide. */
export const ZTrafficFigures = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  abandonedAfter: z.record(z.enum(abandonBuckets), z.number().int()),
  averageSpeedOfAnswer: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  averageHandleTime: z.number().nullable(),
  transfers: z.number().int(),
  callbacks: z.number().int(),
  inboundCalls: z.number().int(),
  ivrContained: z.number().int(),
  ivrContainment: z.number().nullable(),
  repeatCalls: z.number().int(),
  repeatRate: z.number().nullable(),
  casesOpened: z.number().int(),
  firstContactResolved: z.number().int(),
  firstContactResolution: z.number().nullable(),
  averageTimeToAcceptance: z.number().nullable(),
  averageTimeToResolution: z.number().nullable(),
});
export type TTrafficFigures = z.infer<typeof ZTrafficFigures>;

export const ZTrafficReport = z.object({
  tenantId: ZId.nullable(),
  from: z.string(),
  to: z.string(),
  interval: ZReportInterval,
  serviceLevelTarget: z.object({ share: z.number(), seconds: z.number() }).nullable(),
  total: ZTrafficFigures,
  /** Local start of each bucket (`2026-11-02T09:30`), only buckets with traffic. */
  buckets: z.array(ZTrafficFigures.extend({ start: z.string() })),
});
export type TTrafficReport = z.infer<typeof ZTrafficReport>;

export const ZHeatmap = z.object({
  from: z.string(),
  to: z.string(),
  /** Offered calls by local ISO weekday (1 = Monday … 7 = Sunday) and local hour. */
  cells: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), calls: z.number().int() })),
});
export type THeatmap = z.infer<typeof ZHeatmap>;

export const billingRoundings = ['per_second', 'per_minute', '60/6', '30/6'] as const;
export const ZBillingRounding = z.enum(billingRoundings);
export type TBillingRounding = z.infer<typeof ZBillingRounding>;

const money = z.number().min(0).max(1_000_000);
export const ZReportSettingsPatch = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').nullable().optional(),
  seatCostPerHour: money.nullable().optional(),
  telephonyCostPerMinute: money.nullable().optional(),
  missedCallValue: money.nullable().optional(),
  serviceLevelTarget: z.number().gt(0).lt(1).nullable().optional(),
  serviceLevelSeconds: z.number().int().min(0).max(3600).nullable().optional(),
  maxOccupancy: z.number().gt(0).max(1).nullable().optional(),
  shrinkage: z.number().min(0).lt(1).nullable().optional(),
  billingRounding: ZBillingRounding.nullable().optional(),
});
export type TReportSettingsPatch = z.output<typeof ZReportSettingsPatch>;

export const ZReportSettings = z.object({
  currency: z.string(),
  seatCostPerHour: z.number(),
  telephonyCostPerMinute: z.number(),
  missedCallValue: z.number(),
  serviceLevelTarget: z.number(),
  serviceLevelSeconds: z.number(),
  maxOccupancy: z.number(),
  shrinkage: z.number(),
  billingRounding: ZBillingRounding,
});
export type TReportSettings = z.infer<typeof ZReportSettings>;

/** The settings in force for a tenant, the desk's defaults, and what the tenant overrides. */
export const ZReportSettingsView = z.object({
  tenantId: ZId.nullable(),
  effective: ZReportSettings,
  desk: ZReportSettings,
  overrides: ZReportSettingsPatch,
});
export type TReportSettingsView = z.infer<typeof ZReportSettingsView>;

export const ZUsageStatement = z.object({
  tenantId: ZId,
  tenantName: z.string(),
  billingCode: z.string(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  billingRounding: ZBillingRounding,
  calls: z.number().int(),
  answeredCalls: z.number().int(),
  talkSeconds: z.number(),
  billedMinutes: z.number(),
  messages: z.number().int(),
  dispatches: z.number().int(),
  casesOpened: z.number().int(),
});
export type TUsageStatement = z.infer<typeof ZUsageStatement>;

export const ZCostReport = z.object({
  tenantId: ZId.nullable(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  handledCalls: z.number().int(),
  handleHours: z.number(),
  seatCost: z.number(),
  billedMinutes: z.number(),
  telephonyCost: z.number(),
  totalCost: z.number(),
  costPerCall: z.number().nullable(),
  casesOpened: z.number().int(),
  costPerCase: z.number().nullable(),
  missedCalls: z.number().int(),
  missedCallsCost: z.number(),
});
export type TCostReport = z.infer<typeof ZCostReport>;

export const ZStaffingPlan = z.object({
  tenantId: ZId,
  day: z.string(),
  interval: z.enum(['15m', '30m', '60m']),
  source: z.enum(['actual', 'forecast']),
  weeks: z.number().int(),
  target: z.object({ serviceLevel: z.number(), seconds: z.number(), maxOccupancy: z.number(), shrinkage: z.number() }),
  rows: z.array(z.object({
    start: z.string(),
    calls: z.number(),
    ahtSeconds: z.number().nullable(),
    agents: z.number().int(),
    scheduledAgents: z.number().int(),
    serviceLevel: z.number(),
    occupancy: z.number(),
    /** Average operators logged in (any state but offline) over the interval. */
    loggedIn: z.number(),
  })),
});
export type TStaffingPlan = z.infer<typeof ZStaffingPlan>;
