import { randomBytes } from 'node:crypto';
import { createUser } from '../auth/manage-users.ts';
import { transitionCase } from '../cases/change-case.ts';
import { createCase } from '../cases/create-case.ts';
import type { CaseActor } from '../cases/case-access.ts';
import { addAsset, addSite, createCustomer } from '../customers/manage-customers.ts';
import type { Clock } from '../platform/clock.ts';
import { createProtocolDraft, publishProtocolVersion } from '../protocols/manage-protocols.ts';
import type { Services } from '../services.ts';
import { addLine, createTenant } from '../tenants/manage-tenants.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import { seedDemoKnowledge } from './demo-knowledge.ts';
import { demoDispatchPolicy, demoIntakeSchema } from './demo-protocol.ts';
import { demoIvrFlow } from '../ivr/demo-flow.ts';
import { demoCalls, demoCases, demoCustomers, demoTechnicians } from './demo-records.ts';
import { finishCallRecord, markCallAnswered, startCallRecord } from '../calls/record-call.ts';
import { createTechnician } from '../technicians/manage-technicians.ts';
import { saveSipAccount } from '../registrar/manage-sip-accounts.ts';
import { seedDemoQueues } from './demo-queues.ts';
import type { Principal } from '../auth/principal.ts';

export const demoTenantLine = '+34900100200';
export const demoOperatorExtension = '1001';

export interface DemoSeedResult {
  seeded: boolean;
  password?: string;
  passwordGenerated?: boolean;
}

const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Seeds the demo desk on an empty database; a database with any tenant is left alone. */
export async function seedDemo(services: Services, options: { password: string | undefined }): Promise<DemoSeedResult> {
  const [{ count }] = (await services.db.query<{ count: number }>('select count(*)::int as count from tenants')) as [{ count: number }];
  if (count > 0) return { seeded: false };
  const password = options.password ?? randomBytes(9).toString('base64url');

  const tenant = await createTenant(services, 'system', {
    name: 'Reparaciones Martínez',
    billingCode: 'MARTINEZ',
    language: 'es',
    timeZone: 'Europe/Madrid',
    country: 'ES',
    // The desk answers for the business around the clock, so the demo line always plays its menu.
    businessHours: { weekly: everyDay.map((day) => ({ day, open: '00:00', close: '24:00' })), closedDates: [] },
  });
  await addLine(services, 'system', tenant.id, { number: demoTenantLine, label: 'Línea principal' });
  await createProtocolDraft(services, 'system', tenant.id, { intakeSchema: demoIntakeSchema, flow: demoIvrFlow, dispatchPolicy: demoDispatchPolicy, note: 'Demo intake, phone menu and dispatch policy' });
  await publishProtocolVersion(services, 'system', tenant.id, 1);
  await seedDemoKnowledge(services, tenant.id);

  await createUser(services, 'system', { email: 'admin@demo.local', name: 'Marta Martínez', password, role: 'admin', allTenants: true });
  const operator = await createUser(services, 'system', { email: 'operator@demo.local', name: 'Olga Ruiz', password, role: 'operator', tenantIds: [tenant.id] });
  // The demo contract: a softphone registers as 1001 with the demo password straight away.
  await saveSipAccount(services, { userId: operator.id, extension: demoOperatorExtension, password });
  await seedDemoQueues(services, tenant.id, operator.id);
  const technicians = [];
  const seeder: Principal = { kind: 'user', id: 'demo-seed', name: 'Demo seed', role: 'admin', allTenants: true, tenantIds: [] };
  const tonight = new Date(services.clock.now());
  tonight.setUTCHours(17, 0, 0, 0);
  for (const [i, tech] of demoTechnicians.entries()) {
    const user = await createUser(services, 'system', { email: `tech${i + 1}@demo.local`, name: tech.name, password, role: 'technician', tenantIds: [tenant.id] });
    technicians.push(user);
    await createTechnician(services, seeder, tenant.id, {
      name: tech.name, phone: tech.phone, email: `tech${i + 1}@demo.local`, userId: user.id, skills: tech.skills, brands: tech.brands,
      home: tech.home, zone: { circle: { center: tech.home, radiusKm: tech.radiusKm } }, hours: tech.hours, timeZone: 'Europe/Madrid',
      onCall: tech.onCall ? [{ from: tonight.toISOString(), to: new Date(tonight.getTime() + 14 * 3_600_000).toISOString() }] : [],
      tenantIds: [tenant.id],
    });
  }

  const customers = [];
  for (const c of demoCustomers) {
    const customer = await createCustomer(services, 'system', { tenantId: tenant.id, name: c.name, phones: c.phones, email: c.email });
    const site = await addSite(services, 'system', customer.id, c.site);
    const asset = await addAsset(services, 'system', customer.id, { ...c.asset, siteId: site.id });
    customers.push({ customer, site, asset });
  }

  const now = services.clock.now().getTime();
  const opened: string[] = [];
  for (const past of demoCases) {
    const at: Clock = { now: () => new Date(now - past.hoursAgo * 3_600_000) };
    const deps = { ...services, clock: at };
    const actor: CaseActor = { kind: past.channel === 'phone' ? 'caller' : 'system', name: past.channel === 'phone' ? 'Phone line' : 'Demo seed' };
    const { customer, site, asset } = customers[past.customer]!;
    const { case: openedCase } = await createCase(deps, actor, {
      tenantId: tenant.id, customerId: customer.id, siteId: site.id, assetId: past.useAsset ? asset.id : undefined,
      callerPhone: customer.phones[0], intake: past.intake, description: past.description, channel: past.channel,
    });
    if (past.technician !== undefined) {
      await services.db.query('update cases set assigned_user_id = $1 where id = $2', [technicians[past.technician]!.id, openedCase.id]);
    }
    for (const to of past.path as TCaseStatus[]) {
      await transitionCase(deps, { kind: 'system', name: 'Demo seed' }, openedCase.id, { to });
    }
    opened.push(openedCase.id);
  }
  await seedDemoCalls(services, tenant.id, opened);
  return { seeded: true, password, passwordGenerated: options.password === undefined };
}

async function seedDemoCalls(services: Services, tenantId: string, caseIds: string[]) {
  const [line] = await services.tenants.listLines(tenantId);
  const now = services.clock.now().getTime();
  for (const call of demoCalls) {
    const startedAt = new Date(now - call.hoursAgo * 3_600_000);
    const clock: Clock = { now: () => startedAt };
    const deps = { ...services, clock };
    const id = await startCallRecord(deps, {
      tenantId, lineId: line?.id ?? null, trunkId: null, sipCallId: `demo-${call.hoursAgo}@centralita`, direction: 'inbound',
      callerId: call.caller, callerName: '', dialled: demoTenantLine, language: 'es',
    });
    await markCallAnswered(deps, id);
    const ended: Clock = { now: () => new Date(startedAt.getTime() + call.seconds * 1000) };
    await finishCallRecord({ ...services, clock: ended }, id, {
      path: [{ node: 'hours', result: 'open' }, { node: 'main_menu', result: call.digits ? `pressed:${call.digits[0]}` : 'abandoned' }],
      digits: call.digits, caseId: call.case === undefined ? null : (caseIds[call.case] ?? null), outcome: call.outcome,
      reason: 'remote_bye',
    });
  }
}
