// Loads a year of traffic for 50 tenants (about 2 million calls) into a throw-away PostgreSQL
// database, then times the monthly report of one tenant and the all-tenants heatmap (several
// runs, p50 and max). `--keep` leaves the database for another run; a kept, complete load is
// reused. The server is DATABASE_URL, else the local postgres://postgres@127.0.0.1:5432/.
import pg from 'pg';
import { parseArgs } from 'node:util';
import type { Principal } from '../src/server/auth/principal.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import type { Database } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { openPostgresDatabase } from '../src/server/platform/db/postgres-database.ts';
import { planDayStaffing } from '../src/server/reports/plan-day-staffing.ts';
import { queryCost, queryHeatmap, queryTraffic } from '../src/server/reports/query-reports.ts';
import { generateDay, type TrafficCounter } from '../test/support/traffic/generate-traffic.ts';
import { addDays } from '../test/support/traffic/local-time.ts';
import { appendTraffic, emptyTraffic } from '../test/support/traffic/traffic-rows.ts';
import { prepareTrafficTenant, writeTraffic } from '../test/support/traffic/write-traffic.ts';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '50' },
    // 2.5 × the test pattern ≈ 40,000 calls per tenant a year.
    scale: { type: 'string', default: '2.5' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const tenantCount = Number(values.tenants);
const scale = Number(values.scale);
const runs = Number(values.runs);
const year = { from: '2025-12-01', to: '2026-11-30' };
const zones = ['Europe/Madrid', 'Atlantic/Canary', 'Europe/Lisbon', 'Europe/London', 'America/New_York'];
const name = `centralita_bench_reports_${tenantCount}_${String(scale).replace('.', '_')}`;

const adminUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function isLoaded(): Promise<boolean> {
  const exists = await admin(`select 1 from pg_database where datname = '${name}'`);
  if (!exists.rowCount) return false;
  const db = await openPostgresDatabase(dbUrl.toString(), 1);
  try {
    return (await db.query(`select 1 from desk_settings where key = 'bench.reports.loaded'`)).length > 0;
  } finally {
    await db.close();
  }
}

async function load(db: Database) {
  const started = performance.now();
  const counter: TrafficCounter = { call: 1 };
  let calls = 0;
  let rows = 0;
  for (let n = 0; n < tenantCount; n++) {
    const timeZone = zones[n % zones.length]!;
    const [tenant] = await db.query<{ id: string }>(
      `insert into tenants (name, billing_code, language, time_zone, country, business_hours) values ($1, $2, 'es', $3, 'ES', '{"weekly":[],"closedDates":[]}') returning id`,
      [`Bench tenant ${n + 1}`, `B${String(n + 1).padStart(3, '0')}`, timeZone]);
    await db.query(`insert into protocols (tenant_id, version, status, intake_schema, published_at) values ($1, 1, 'published', '{}', now())`, [tenant!.id]);
    const prepared = await prepareTrafficTenant(db, tenant!.id, 3, `bench${n}`);
    const traffic = emptyTraffic();
    for (let day = year.from; day <= year.to; day = addDays(day, 1)) {
      appendTraffic(traffic, generateDay({ id: tenant!.id, timeZone, callerPool: 4000, ...prepared }, day, counter, scale));
    }
    await writeTraffic(db, traffic);
    calls += traffic.calls.length;
    rows += Object.values(traffic).reduce((sum, list) => sum + list.length, 0);
    const seconds = (performance.now() - started) / 1000;
    console.log(`  tenant ${n + 1}/${tenantCount}: ${calls.toLocaleString('en')} calls, ${rows.toLocaleString('en')} rows, ${seconds.toFixed(0)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s)`);
  }
  await db.exec('analyze');
  await db.query(`insert into desk_settings (key, value) values ('bench.reports.loaded', $1::jsonb)`, [JSON.stringify({ calls })]);
}

async function time(label: string, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  let result: unknown;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(samples.length / 2)]!;
  const max = samples.at(-1)!;
  console.log(`${label.padEnd(58)} p50 ${p50.toFixed(0).padStart(5)} ms   max ${max.toFixed(0).padStart(5)} ms   (${runs} runs)${max < 2000 ? '' : '   OVER 2 s'}`);
  return result;
}

async function main() {
  if (!(await isLoaded())) {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const db = await openPostgresDatabase(dbUrl.toString(), 4);
    await migrate(db);
    console.log(`loading a year (${year.from} … ${year.to}) for ${tenantCount} tenants into ${name}`);
    await load(db);
    await db.close();
  } else {
    console.log(`reusing the loaded database ${name}`);
  }
  const db = await openPostgresDatabase(dbUrl.toString(), 4);
  // A kept load gets the migrations added since (and their backfills).
  const applied = await migrate(db);
  if (applied.length) {
    console.log(`applied ${applied.join(', ')}`);
    await db.exec('analyze');
  }
  const counts = (await db.query<{ calls: number; stays: number; cases: number; events: number }>(
    `select (select count(*) from calls)::int as calls, (select count(*) from queue_calls)::int as stays,
       (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as events`))[0]!;
  console.log(`database: ${counts.calls.toLocaleString('en')} calls, ${counts.stays.toLocaleString('en')} queue stays, ${counts.cases.toLocaleString('en')} cases, ${counts.events.toLocaleString('en')} timeline rows`);
  const [tenant] = await db.query<{ id: string }>(`select id from tenants order by billing_code limit 1`);
  const actor: Principal = { kind: 'user', id: '00000000-0000-4000-8000-000000000000', name: 'bench', role: 'admin', allTenants: true, tenantIds: [] };
  const deps = { db, clock: systemClock };
  const november = { tenantId: tenant!.id, from: '2026-11-01', to: '2026-11-30' };
  await time('monthly report of one tenant (daily buckets)', () => queryTraffic(deps, actor, { ...november, interval: 'day' }));
  await time('monthly report of one tenant (15-minute buckets)', () => queryTraffic(deps, actor, { ...november, interval: '15m' }));
  await time('monthly cost of one tenant', () => queryCost(deps, actor, november));
  await time('staffing of one day, forecast from 8 weeks', () => planDayStaffing(deps, actor, { tenantId: tenant!.id, day: '2026-11-25', source: 'forecast', weeks: '8' }));
  await time('all-tenants heatmap, one month', () => queryHeatmap(deps, actor, { from: '2026-11-01', to: '2026-11-30' }));
  await time('all-tenants heatmap, the whole year', () => queryHeatmap(deps, actor, year));
  await time('all-tenants report, one month (daily buckets)', () => queryTraffic(deps, actor, { from: '2026-11-01', to: '2026-11-30', interval: 'day' }));
  await db.close();
  if (!values.keep) {
    await admin(`drop database if exists ${name} with (force)`);
    console.log(`dropped ${name} (pass --keep to reuse the load)`);
  }
}

await main();
