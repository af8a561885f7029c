import { ZDispatchPolicy, type TDispatchPolicy, type TDispatchPolicyInput } from '../../../src/shared/dispatch-policy.ts';
import type { TDispatchJob } from '../../../src/server/dispatch/score-candidates.ts';
import type { TTechnician } from '../../../src/server/dispatch/technician-index.ts';
import type { TWorkingSpan } from '../../../src/server/dispatch/technician-availability.ts';

export const sol = { lat: 40.4168, lon: -3.7038 };

/** A point `km` kilometres due north of Puerta del Sol (one degree of latitude ≈ 111.2 km). */
export function northOfSol(km: number) {
  return { lat: sol.lat + km / 111.195, lon: sol.lon };
}

export const allWeek: TWorkingSpan[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, open: '00:00', close: '24:00' }));
export const officeHours: TWorkingSpan[] = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open: '08:00', close: '18:00' }));

/** A technician who passes every filter for a Madrid boiler job unless a test says otherwise. */
export function technician(id: string, overrides: Partial<TTechnician> = {}): TTechnician {
  return {
    id,
    tenantIds: ['tenant-1'],
    skills: ['boiler'],
    brands: [],
    certifications: [],
    home: sol,
    zone: { circle: { center: sol, radiusKm: 50 } },
    timeZone: 'Europe/Madrid',
    hours: allWeek,
    exceptions: [],
    onCall: [],
    dailyCapacity: 8,
    jobsToday: 0,
    state: 'free',
    ...overrides,
  };
}

export function job(overrides: Partial<TDispatchJob> = {}): TDispatchJob {
  return { tenantId: 'tenant-1', applianceType: 'boiler', urgent: false, location: sol, insideBusinessHours: true, ...overrides };
}

export function policy(input: TDispatchPolicyInput = {}): TDispatchPolicy {
  return ZDispatchPolicy.parse(input);
}

/** Monday 2026-11-23 10:00 in Madrid (CET, UTC+1). */
export const mondayMorning = new Date('2026-11-23T09:00:00Z');
