import { createCase } from '../../../src/server/cases/create-case.ts';
import type { TestDesk } from '../../support/test-desk.ts';

export type DemoIds = { tenantId: string; technicians: Map<string, string>; customers: Map<string, { id: string; siteId: string }> };

/** Ids of the seeded demo desk, by name. */
export async function demoIds(desk: TestDesk): Promise<DemoIds> {
  const db = desk.services.db;
  const [tenant] = await db.query<{ id: string }>(`select id from tenants where billing_code = 'MARTINEZ'`);
  const technicians = await db.query<{ id: string; name: string }>('select id, name from technicians');
  const customers = await db.query<{ id: string; name: string; siteId: string }>(
    'select c.id, c.name, (select s.id from sites s where s.customer_id = c.id limit 1) as "siteId" from customers c',
  );
  return {
    tenantId: tenant!.id,
    technicians: new Map(technicians.map((t) => [t.name, t.id])),
    customers: new Map(customers.map((c) => [c.name, { id: c.id, siteId: c.siteId }])),
  };
}

/** A new order for a demo customer at their site, as the operator would open it. */
export async function openOrder(desk: TestDesk, ids: DemoIds, customer: string, intake: Record<string, string | boolean>, description = 'Avería') {
  const c = ids.customers.get(customer)!;
  const result = await createCase(desk.services, { kind: 'system', name: 'test' }, {
    tenantId: ids.tenantId, customerId: c.id, siteId: c.siteId, intake, description, channel: 'operator', allowDuplicate: false,
  });
  return result.case;
}

export const notificationsOf = (desk: TestDesk, caseId: string) =>
  desk.services.db.query<{ id: string; purpose: string; channel: string; recipient: string; body: string; status: string; idempotencyKey: string }>(
    `select id, purpose, channel, recipient, body, status, idempotency_key as "idempotencyKey" from notifications where case_id = $1 order by created_at, channel desc, id`,
    [caseId],
  );

export const kindsOf = async (desk: TestDesk, caseId: string) => (await desk.services.cases.listTimeline(caseId)).map((e) => e.kind);

/** The secret of the first link of `path` (offer, status, field/sign-in) in a message body. */
export function linkToken(body: string, path: string): string {
  const match = new RegExp(`https://desk\\.example/${path}#([A-Za-z0-9_-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return match[1]!;
}
