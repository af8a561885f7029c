import type { Queryable } from '../../../src/server/platform/db/database.ts';
import { addDays } from './local-time.ts';
import { generateDay, type TrafficCounter, type TrafficTenant } from './generate-traffic.ts';
import { appendTraffic, emptyTraffic, type Traffic } from './traffic-rows.ts';
import { prepareTrafficTenant, writeTraffic } from './write-traffic.ts';

/** Generates and writes every local day from `from` to `to` for a tenant; returns the rows written. */
export async function seedTenantTraffic(
  db: Queryable, tenant: { id: string; timeZone: string; label: string }, from: string, to: string, counter: TrafficCounter, callerPool = 400,
): Promise<{ traffic: Traffic; tenant: TrafficTenant }> {
  const prepared = await prepareTrafficTenant(db, tenant.id, 3, tenant.label);
  const trafficTenant: TrafficTenant = { id: tenant.id, timeZone: tenant.timeZone, callerPool, ...prepared };
  const traffic = emptyTraffic();
  for (let day = from; day <= to; day = addDays(day, 1)) appendTraffic(traffic, generateDay(trafficTenant, day, counter));
  await writeTraffic(db, traffic);
  return { traffic, tenant: trafficTenant };
}
