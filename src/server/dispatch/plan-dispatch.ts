import { ZDispatchPolicy, type TDispatchPolicy } from '../../shared/dispatch-policy.ts';
import type { TStoredDecision } from '../../shared/api/dispatch.ts';
import type { CaseRow } from '../cases/case-repository.ts';
import { loadDispatchRoster } from '../technicians/load-dispatch-roster.ts';
import { isOpenAt } from '../tenants/business-hours.ts';
import type { DispatchDeps } from './dispatch-deps.ts';
import type { TGeoPoint } from './geo.ts';
import { refineWithRoads, type TRoadDecision } from './refine-with-roads.ts';
import { chooseTechnician, type TDispatchJob } from './score-candidates.ts';
import type { TTechnician } from './technician-index.ts';
import type { TRoadLeg } from './travel-times.ts';

/** The policy in force: the published protocol's, read through the schema so older rows get new defaults. */
export async function policyInForce(deps: Pick<DispatchDeps, 'protocols'>, tenantId: string): Promise<TDispatchPolicy> {
  const protocol = await deps.protocols.findInForce(tenantId);
  return ZDispatchPolicy.parse(protocol?.dispatchPolicy ?? {});
}

export type TPlan = { decision: TStoredDecision; candidateIds: string[]; policy: TDispatchPolicy };

/** Where the job is: the case's site when it has coordinates. */
async function jobLocation(deps: Pick<DispatchDeps, 'customers'>, c: CaseRow): Promise<TGeoPoint | undefined> {
  if (!c.siteId) return undefined;
  const site = await deps.customers.findSite(c.siteId);
  return site && site.latitude !== null && site.longitude !== null ? { lat: site.latitude, lon: site.longitude } : undefined;
}

async function brandOf(deps: Pick<DispatchDeps, 'customers' | 'protocols'>, c: CaseRow): Promise<string | undefined> {
  const protocol = await deps.protocols.findById(c.protocolId);
  const field = protocol?.intakeSchema.fields.find((f) => f.meaning === 'brand');
  const fromIntake = field ? c.intake[field.key] : undefined;
  if (typeof fromIntake === 'string' && fromIntake.trim()) return fromIntake.trim();
  const asset = c.assetId ? await deps.customers.findAsset(c.assetId) : undefined;
  return asset?.brand || undefined;
}

function pointOf(t: TTechnician, from: string): TGeoPoint {
  return from === 'last_position' && t.lastPosition ? t.lastPosition : t.home;
}

function store(decision: TRoadDecision, names: ReadonlyMap<string, string>, travel: TStoredDecision['travel'], onCallFallback: boolean): TStoredDecision {
  return {
    mode: decision.mode, reason: decision.reason, strategy: decision.strategy, chosen: decision.chosen, weights: decision.weights,
    considered: decision.considered, eligibleCount: decision.eligibleCount, excludedCounts: decision.excludedCounts,
    candidates: decision.candidates.map((c) => ({ ...c, technicianName: names.get(c.technicianId) ?? '' })),
    summary: decision.summary, travel, onCallFallback,
  };
}

/**
 * Decides who is offered the job, best first. The tenant's business hours say whether the
 * working day applies; when it does but nobody on shift can take an urgent job, the on-call
 * rota is asked too (a desk that answers around the clock is not a workshop open all night).
 */
export async function planDispatch(deps: DispatchDeps, c: CaseRow): Promise<TPlan> {
  const policy = await policyInForce(deps, c.tenantId);
  const now = deps.clock.now();
  const tenant = (await deps.tenants.findTenant(c.tenantId))!;
  const location = await jobLocation(deps, c);
  const roster = await loadDispatchRoster(deps, c.tenantId);
  const names = new Map((await deps.technicians.listTechnicians({ tenantId: c.tenantId, active: null, limit: 10_000 })).map((t) => [t.id, t.name]));
  if (!location) {
    const summary = 'The case has no site with coordinates: nobody can be measured against it. Choose the technician by hand.';
    const none: TStoredDecision = {
      mode: 'working_hours', reason: 'no_location', strategy: policy.strategy, chosen: null,
      weights: { distance: 0, specialisation: 0, availability: 0, load: 0, fairness: 0 }, considered: roster.length, eligibleCount: 0,
      excludedCounts: {}, candidates: [], summary, travel: 'great_circle', onCallFallback: false,
    };
    return { decision: none, candidateIds: [], policy };
  }
  const job: TDispatchJob = {
    tenantId: c.tenantId, applianceType: c.applianceType ?? 'other', brand: await brandOf(deps, c), urgent: c.priority === 'urgent',
    location, insideBusinessHours: isOpenAt(tenant.businessHours, tenant.timeZone, now),
  };
  const choose = (insideBusinessHours: boolean) => chooseTechnician({ job: { ...job, insideBusinessHours }, technicians: roster, policy, at: now, listExcluded: 20 });
  let decision: TRoadDecision = choose(job.insideBusinessHours);
  let onCallFallback = false;
  if (!decision.chosen && job.urgent && job.insideBusinessHours && policy.urgentOutOfHours === 'on_call' && roster.length > 0) {
    const onCall = choose(false);
    if (onCall.chosen) [decision, onCallFallback] = [onCall, true];
  }
  let travel: TStoredDecision['travel'] = 'great_circle';
  const shortlist = decision.candidates.filter((x) => x.eligible);
  if (deps.travel.kind === 'road' && shortlist.length > 0) {
    const byId = new Map(roster.map((t) => [t.id, t]));
    try {
      const legs = await deps.travel.measure(shortlist.map((x) => pointOf(byId.get(x.technicianId)!, x.from)), location);
      const known = new Map<string, TRoadLeg>();
      legs.forEach((leg, i) => leg && known.set(shortlist[i]!.technicianId, leg));
      decision = refineWithRoads(decision, job, known);
      travel = known.size > 0 ? 'road' : 'great_circle';
    } catch (error) {
      // A router that is down must not stop dispatch: the crow-flies order stands, and says so.
      deps.log.warn('road travel times unavailable; great-circle distances kept', { caseId: c.id, error: String(error) });
    }
  }
  const candidateIds = decision.candidates.filter((x) => x.eligible).map((x) => x.technicianId);
  return { decision: store(decision, names, travel, onCallFallback), candidateIds, policy };
}
