import type { TTechnician } from '../../../src/server/dispatch/technician-index.ts';
import { officeHours } from './technician-fixtures.ts';

/**
 * Five technicians of the demo tenant around Madrid: office hours Monday to Friday, different
 * trades and zones, and Ana on call on the night of Monday 2026-11-23.
 */
export const demoTenantId = 'demo-tenant';

export const madridCity = [
  { lat: 40.56, lon: -3.78 },
  { lat: 40.52, lon: -3.58 },
  { lat: 40.37, lon: -3.55 },
  { lat: 40.3, lon: -3.7 },
  { lat: 40.38, lon: -3.83 },
];

/** Calle de Serrano, in Bruno's zone and inside the city polygon, outside Elena's. */
export const serrano = { lat: 40.43, lon: -3.687 };

export function demoTechnicians(): TTechnician[] {
  const base = {
    tenantIds: [demoTenantId],
    certifications: [] as string[],
    timeZone: 'Europe/Madrid',
    hours: officeHours,
    exceptions: [],
    onCall: [],
    dailyCapacity: 6,
    jobsToday: 1,
    state: 'free' as const,
  };
  return [
    {
      ...base,
      id: 'tec-ana',
      skills: ['boiler', 'washing_machine'],
      brands: ['Junkers', 'Saunier Duval'],
      certifications: ['gas'],
      home: { lat: 40.434, lon: -3.704 },
      zone: { polygon: madridCity },
      onCall: [{ from: '2026-11-23T18:00:00+01:00', to: '2026-11-24T08:00:00+01:00' }],
      jobsToday: 5,
    },
    {
      ...base,
      id: 'tec-bruno',
      skills: ['boiler'],
      brands: ['Junkers', 'Vaillant'],
      certifications: ['gas'],
      home: { lat: 40.425, lon: -3.68 },
      zone: { circle: { center: { lat: 40.43, lon: -3.68 }, radiusKm: 6 } },
    },
    {
      ...base,
      id: 'tec-carmen',
      skills: ['washing_machine', 'dishwasher'],
      brands: ['Bosch', 'Balay'],
      home: { lat: 40.4168, lon: -3.7038 },
      zone: { circle: { center: { lat: 40.4168, lon: -3.7038 }, radiusKm: 15 } },
    },
    {
      ...base,
      id: 'tec-diego',
      skills: ['refrigerator', 'oven'],
      brands: ['Bosch', 'LG'],
      home: { lat: 40.3057, lon: -3.7329 },
      zone: { circle: { center: { lat: 40.3057, lon: -3.7329 }, radiusKm: 12 } },
    },
    {
      ...base,
      id: 'tec-elena',
      skills: ['boiler', 'washing_machine'],
      brands: ['Vaillant'],
      certifications: ['gas'],
      home: { lat: 40.4818, lon: -3.3643 },
      zone: { circle: { center: { lat: 40.4818, lon: -3.3643 }, radiusKm: 25 } },
      onCall: [{ from: '2026-11-30T18:00:00+01:00', to: '2026-12-01T08:00:00+01:00' }],
    },
  ];
}
