import { billedSeconds } from '../../../src/server/reports/billing-rounding.ts';
import type { TBillingRounding } from '../../../src/shared/api/reports.ts';
import { localParts } from './local-time.ts';
import type { Traffic } from './traffic-rows.ts';

/**
 * What the reports must answer for generated traffic, recomputed from the rows themselves in
 * plain loops (no SQL), following the definitions in docs/decisions/0005 and 0010.
 */
export interface ExpectedFigures {
  offered: number; answered: number; abandoned: number; abandonedAfter: Record<string, number>;
  averageSpeedOfAnswer: number | null; serviceLevel: number | null; averageHandleTime: number | null;
  transfers: number; callbacks: number; inboundCalls: number; ivrContained: number; repeatCalls: number;
  casesOpened: number; firstContactResolved: number; averageTimeToAcceptance: number | null; averageTimeToResolution: number | null;
}

type Zones = ReadonlyMap<string, string>;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const secondsBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;

function inPeriod(zones: Zones, tenantId: string, at: Date, from: string, to: string) {
  const zone = zones.get(tenantId);
  if (!zone) return false;
  const { day } = localParts(at, zone);
  return day >= from && day <= to;
}

function abandonBucket(wait: number) {
  if (wait <= 5) return '0-5';
  if (wait <= 15) return '5-15';
  if (wait <= 30) return '15-30';
  if (wait <= 60) return '30-60';
  if (wait <= 120) return '60-120';
  return '120+';
}

export function expectedFigures(t: Traffic, zones: Zones, from: string, to: string, slSeconds: number): ExpectedFigures {
  const stays = t.queueCalls.filter((q) => inPeriod(zones, q.tenantId, q.enqueuedAt, from, to));
  const offered = stays.filter((q) => q.status !== 'transferred');
  const answered = offered.filter((q) => q.answeredAt);
  const abandoned = stays.filter((q) => q.status === 'abandoned');
  const abandonedAfter: Record<string, number> = { '0-5': 0, '5-15': 0, '15-30': 0, '30-60': 0, '60-120': 0, '120+': 0 };
  for (const q of abandoned) abandonedAfter[abandonBucket(q.waitSeconds)]! += 1;
  const handled = stays.filter((q) => q.answeredAt && q.talkSeconds !== null);
  const inbound = t.calls.filter((c) => inPeriod(zones, c.tenantId, c.startedAt, from, to));
  const queuedCalls = new Set(t.queueCalls.map((q) => q.callId));
  const contained = ['case_created', 'duplicate_linked', 'status_given', 'self_help', 'completed'];
  const repeats = inbound.filter((c) => t.calls.some((p) => p.tenantId === c.tenantId && p.callerId === c.callerId
    && p.startedAt < c.startedAt && secondsBetween(p.startedAt, c.startedAt) <= 7 * 86_400));
  const cases = t.cases.filter((k) => inPeriod(zones, k.tenantId, k.createdAt, from, to));
  const firstAt = (caseId: string, status: string) =>
    t.caseEvents.filter((e) => e.caseId === caseId && e.kind === 'status_changed' && JSON.parse(e.after).status === status).map((e) => e.at).sort((a, b) => a.getTime() - b.getTime())[0];
  const fcr = cases.filter((k) => firstAt(k.id, 'resolved') && !firstAt(k.id, 'reopened') && t.calls.filter((c) => c.caseId === k.id).length === 1);
  return {
    offered: offered.length,
    answered: answered.length,
    abandoned: abandoned.length,
    abandonedAfter,
    averageSpeedOfAnswer: mean(answered.map((q) => secondsBetween(q.enqueuedAt, q.answeredAt!))),
    serviceLevel: offered.length - abandonedAfter['0-5']! > 0
      ? answered.filter((q) => secondsBetween(q.enqueuedAt, q.answeredAt!) <= slSeconds).length / (offered.length - abandonedAfter['0-5']!)
      : null,
    averageHandleTime: mean(handled.map((q) => q.talkSeconds! + q.holdSeconds + (q.wrapUpSeconds ?? 0))),
    transfers: stays.filter((q) => q.status === 'transferred').length,
    callbacks: stays.filter((q) => q.callbackRequestedAt).length,
    inboundCalls: inbound.length,
    ivrContained: inbound.filter((c) => c.answeredAt && contained.includes(c.outcome) && !queuedCalls.has(c.id)).length,
    repeatCalls: repeats.length,
    casesOpened: cases.length,
    firstContactResolved: fcr.length,
    averageTimeToAcceptance: mean(cases.flatMap((k) => (firstAt(k.id, 'accepted') ? [secondsBetween(k.createdAt, firstAt(k.id, 'accepted')!)] : []))),
    averageTimeToResolution: mean(cases.flatMap((k) => (firstAt(k.id, 'resolved') ? [secondsBetween(k.createdAt, firstAt(k.id, 'resolved')!)] : []))),
  };
}

/** Offered stays per local day (for the daily buckets). */
export function expectedOfferedByDay(t: Traffic, zone: string, tenantId: string): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const q of t.queueCalls) {
    if (q.tenantId !== tenantId || q.status === 'transferred') continue;
    const { day } = localParts(q.enqueuedAt, zone);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return byDay;
}

/** Inbound calls by local weekday and hour. */
export function expectedHeatmap(t: Traffic, zones: Zones, from: string, to: string): Map<string, number> {
  const cells = new Map<string, number>();
  for (const c of t.calls) {
    if (!inPeriod(zones, c.tenantId, c.startedAt, from, to)) continue;
    const { weekday, hour } = localParts(c.startedAt, zones.get(c.tenantId)!);
    cells.set(`${weekday}:${hour}`, (cells.get(`${weekday}:${hour}`) ?? 0) + 1);
  }
  return cells;
}

/** The usage statement's counts and the handle time behind the seat cost. */
export function expectedUsage(t: Traffic, zones: Zones, from: string, to: string, rounding: TBillingRounding) {
  const calls = t.calls.filter((c) => inPeriod(zones, c.tenantId, c.startedAt, from, to));
  const stays = t.queueCalls.filter((q) => inPeriod(zones, q.tenantId, q.enqueuedAt, from, to));
  const handled = stays.filter((q) => q.answeredAt && q.talkSeconds !== null);
  return {
    calls: calls.length,
    answeredCalls: calls.filter((c) => c.answeredAt).length,
    talkSeconds: calls.reduce((sum, c) => sum + (c.answeredAt ? secondsBetween(c.answeredAt, c.endedAt) : 0), 0),
    billedMinutes: calls.reduce((sum, c) => sum + (c.answeredAt ? billedSeconds(secondsBetween(c.answeredAt, c.endedAt), rounding) : 0), 0) / 60,
    messages: t.notifications.filter((n) => inPeriod(zones, n.tenantId, n.createdAt, from, to)).length,
    dispatches: t.caseEvents.filter((e) => inPeriod(zones, e.tenantId, e.at, from, to) && JSON.parse(e.after).status === 'dispatched').length,
    casesOpened: t.cases.filter((k) => inPeriod(zones, k.tenantId, k.createdAt, from, to)).length,
    handleSeconds: handled.reduce((sum, q) => sum + q.talkSeconds! + q.holdSeconds + (q.wrapUpSeconds ?? 0), 0),
    abandoned: stays.filter((q) => q.status === 'abandoned').length,
  };
}
