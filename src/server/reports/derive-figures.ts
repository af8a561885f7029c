import type { TCostReport, TReportSettings, TTrafficFigures } from '../../shared/api/reports.ts';
import type { TrafficCounts } from './traffic-repository.ts';
import type { UsageCounts } from './usage-repository.ts';

/** A share or an average, or null when there is nothing to divide by (a bucket with no answered calls has no ASA). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const countKeys: readonly (keyof TrafficCounts)[] = [
  'offered', 'answered', 'abandoned', 'abandoned5', 'abandoned15', 'abandoned30', 'abandoned60', 'abandoned120',
  'answerSeconds', 'answeredInTarget', 'handled', 'handleSeconds', 'transfers', 'callbacks', 'inbound', 'contained',
  'repeats', 'casesOpened', 'firstContactResolved', 'accepted', 'acceptanceSeconds', 'resolved', 'resolutionSeconds',
];

export const emptyCounts = (): TrafficCounts => Object.fromEntries(countKeys.map((key) => [key, 0])) as unknown as TrafficCounts;

/** Counts add up across buckets; averages and shares do not, which is why they are derived last. */
export function sumCounts(rows: readonly TrafficCounts[]): TrafficCounts {
  const total = emptyCounts();
  for (const row of rows) for (const key of countKeys) total[key] += row[key];
  return total;
}

/**
 * The figures of docs/decisions/0005 and 0010: service level is answered within the target
 * over offered minus those abandoned within 5 s (callers who hung up at once were never
 * really waiting); handle time is talk + hold + wrap-up.
 */
export function deriveFigures(c: TrafficCounts): TTrafficFigures {
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    abandonedAfter: {
      '0-5': c.abandoned5,
      '5-15': c.abandoned15,
      '15-30': c.abandoned30,
      '30-60': c.abandoned60,
      '60-120': c.abandoned120,
      '120+': c.abandoned - c.abandoned5 - c.abandoned15 - c.abandoned30 - c.abandoned60 - c.abandoned120,
    },
    averageSpeedOfAnswer: ratio(c.answerSeconds, c.answered),
    serviceLevel: ratio(c.answeredInTarget, c.offered - c.abandoned5),
    averageHandleTime: ratio(c.handleSeconds, c.handled),
    transfers: c.transfers,
    callbacks: c.callbacks,
    inboundCalls: c.inbound,
    ivrContained: c.contained,
    ivrContainment: ratio(c.contained, c.inbound),
    repeatCalls: c.repeats,
    repeatRate: ratio(c.repeats, c.inbound),
    casesOpened: c.casesOpened,
    firstContactResolved: c.firstContactResolved,
    firstContactResolution: ratio(c.firstContactResolved, c.casesOpened),
    averageTimeToAcceptance: ratio(c.acceptanceSeconds, c.accepted),
    averageTimeToResolution: ratio(c.resolutionSeconds, c.resolved),
  };
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Cost of the service over a period: operators' seat time spent handling calls (talk + hold +
 * wrap-up, at the seat cost per hour) plus the carrier's billed minutes; missed calls are
 * valued separately, as revenue at risk rather than money spent.
 */
export function deriveCost(usage: UsageCounts, settings: TReportSettings): Omit<TCostReport, 'tenantId' | 'from' | 'to'> {
  const handleHours = usage.handleSeconds / 3600;
  const seatCost = handleHours * settings.seatCostPerHour;
  const billedMinutes = usage.billedSeconds / 60;
  const telephonyCost = billedMinutes * settings.telephonyCostPerMinute;
  const totalCost = seatCost + telephonyCost;
  return {
    currency: settings.currency,
    handledCalls: usage.handled,
    handleHours,
    seatCost: cents(seatCost),
    billedMinutes,
    telephonyCost: cents(telephonyCost),
    totalCost: cents(totalCost),
    costPerCall: usage.inbound > 0 ? cents(totalCost / usage.inbound) : null,
    casesOpened: usage.casesOpened,
    costPerCase: usage.casesOpened > 0 ? cents(totalCost / usage.casesOpened) : null,
    missedCalls: usage.abandoned,
    missedCallsCost: cents(usage.abandoned * settings.missedCallValue),
  };
}
