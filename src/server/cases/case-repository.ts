import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TCase, TTimelineEntry } from '../../shared/api/cases.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';

export interface CaseRow extends Omit<TCase, 'createdAt' | 'updatedAt' | 'closedAt' | 'customer'> {
  protocolId: string;
  customerId: string | null;
  customerName: string | null;
  customerPhones: string[] | null;
  customerEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

const caseColumns = `c.id, c.reference, c.tenant_id as "tenantId", t.name as "tenantName", p.version as "protocolVersion",
  c.protocol_id as "protocolId", c.status, c.priority, c.channel, c.intake, c.appliance_type as "applianceType", c.description,
  c.caller_phone as "callerPhone", c.customer_id as "customerId", cu.name as "customerName", cu.phones as "customerPhones",
  cu.email as "customerEmail", c.site_id as "siteId", c.asset_id as "assetId", c.assigned_user_id as "assignedUserId",
  c.duplicate_of as "duplicateOf", c.created_at as "createdAt", c.updated_at as "updatedAt", c.closed_at as "closedAt"`;
const caseFrom = `cases c join tenants t on t.id = c.tenant_id join protocols p on p.id = c.protocol_id
  left join customers cu on cu.id = c.customer_id`;

export const toCase = (row: CaseRow): TCase => ({
  id: row.id,
  reference: row.reference,
  tenantId: row.tenantId,
  tenantName: row.tenantName,
  protocolVersion: row.protocolVersion,
  status: row.status,
  priority: row.priority,
  channel: row.channel,
  intake: row.intake,
  applianceType: row.applianceType,
  description: row.description,
  callerPhone: row.callerPhone,
  customer: row.customerId
    ? { id: row.customerId, name: row.customerName ?? '', phones: row.customerPhones ?? [], email: row.customerEmail }
    : null,
  siteId: row.siteId,
  assetId: row.assetId,
  assignedUserId: row.assignedUserId,
  duplicateOf: row.duplicateOf,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  closedAt: row.closedAt?.toISOString() ?? null,
});

export interface OpenCaseForGuard {
  id: string;
  customerId: string | null;
  assetId: string | null;
  applianceType: string | null;
  callerPhone: string | null;
  customerPhones: string[] | null;
  createdAt: Date;
}

export interface CaseFilter {
  scope: readonly string[] | null;
  assignedUserId?: string;
  tenantId?: string;
  reference?: string;
  phones?: readonly string[];
  statuses?: readonly TCaseStatus[];
  customerId?: string;
  q?: string;
  from?: Date;
  to?: Date;
  after?: { createdAt: Date; id: string };
  limit: number;
}

export interface NewCase {
  tenantId: string;
  reference: string;
  protocolId: string;
  customerId: string | null;
  siteId: string | null;
  assetId: string | null;
  callerPhone: string | null;
  applianceType: string | null;
  intake: TIntakeValues;
  description: string;
  priority: TCase['priority'];
  status: TCaseStatus;
  channel: TCase['channel'];
  duplicateOf: string | null;
  createdAt: Date;
}

export interface NewCaseEvent {
  caseId: string;
  tenantId: string;
  at: Date;
  actor: { type: TTimelineEntry['actorType']; id: string | null; name: string };
  kind: string;
  before?: unknown;
  after?: unknown;
  data?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function createCaseRepository(db: Queryable) {
  return {
    findCase: (id: string) => queryOne<CaseRow>(db, `select ${caseColumns} from ${caseFrom} where c.id = $1`, [id]),

    findCaseByReference: (reference: string) =>
      queryOne<CaseRow>(db, `select ${caseColumns} from ${caseFrom} where c.reference = $1`, [reference]),

    /**
     * Open cases that could be the same order: by customer, or by phone (caller's or the
     * customer's). One indexed lookup per way of matching, so the cost does not grow with the
     * tenant's volume of open cases.
     */
    findOpenCasesForGuard: (tenantId: string, customerId: string | null, phone: string | null) =>
      db.query<OpenCaseForGuard>(
        `select c.id, c.customer_id as "customerId", c.asset_id as "assetId", c.appliance_type as "applianceType",
           c.caller_phone as "callerPhone", cu.phones as "customerPhones", c.created_at as "createdAt"
         from cases c left join customers cu on cu.id = c.customer_id
         where c.status not in ('closed', 'cancelled') and c.id in (
           select id from cases where tenant_id = $1 and customer_id = $2 and status not in ('closed', 'cancelled')
           union select id from cases where tenant_id = $1 and caller_phone = $3 and status not in ('closed', 'cancelled')
           union select k.id from cases k join customers p on p.id = k.customer_id
             where p.tenant_id = $1 and p.phones @> array[$3]::text[] and k.status not in ('closed', 'cancelled'))
         order by c.created_at desc limit 50`,
        [tenantId, customerId, phone],
      ),

    /** Inserts the case and its 'created' timeline entry in one statement. */
    insertCase: async (c: NewCase, actor: NewCaseEvent['actor']) =>
      (await queryOne<{ id: string }>(
        db,
        `with inserted as (
           insert into cases (tenant_id, reference, protocol_id, customer_id, site_id, asset_id, caller_phone, appliance_type,
             intake, description, priority, status, channel, duplicate_of, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $15) returning id)
         insert into case_events (case_id, tenant_id, at, actor_type, actor_id, actor_name, kind, after)
         select id, $1, $15, $16, $17, $18, 'created', jsonb_build_object('status', $12::text, 'intake', $9::jsonb) from inserted
         returning case_id as id`,
        [c.tenantId, c.reference, c.protocolId, c.customerId, c.siteId, c.assetId, c.callerPhone, c.applianceType,
          JSON.stringify(c.intake), c.description, c.priority, c.status, c.channel, c.duplicateOf, c.createdAt,
          actor.type, actor.id, actor.name],
      ))!.id,

    async updateCaseFields(
      id: string,
      fields: Partial<Pick<NewCase, 'intake' | 'description' | 'priority' | 'siteId' | 'assetId' | 'applianceType'>> & {
        status?: TCaseStatus;
        closedAt?: Date | null;
        assignedUserId?: string | null;
      },
      at: Date,
    ) {
      const columns: Record<string, string> = {
        intake: 'intake', description: 'description', priority: 'priority', siteId: 'site_id', assetId: 'asset_id',
        applianceType: 'appliance_type', status: 'status', closedAt: 'closed_at', assignedUserId: 'assigned_user_id',
      };
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
      const sets = entries.map(([k], i) => `${columns[k]} = $${i + 3}${k === 'intake' ? '::jsonb' : ''}`);
      const values = entries.map(([k, v]) => (k === 'intake' ? JSON.stringify(v) : v));
      await db.query(`update cases set ${[...sets, 'updated_at = $2'].join(', ')} where id = $1`, [id, at, ...values]);
    },

    async appendEvent(e: NewCaseEvent) {
      await db.query(
        `insert into case_events (case_id, tenant_id, at, actor_type, actor_id, actor_name, kind, before, after, data)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb)`,
        [e.caseId, e.tenantId, e.at, e.actor.type, e.actor.id, e.actor.name, e.kind, json(e.before), json(e.after), json(e.data)],
      );
    },

    listTimeline: (caseId: string) =>
      db.query<Omit<TTimelineEntry, 'at'> & { at: Date }>(
        `select id::int as id, at, actor_type as "actorType", actor_id as "actorId", actor_name as "actorName", kind, before, after, data
         from case_events where case_id = $1 order by id`,
        [caseId],
      ),

    listCases(f: CaseFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (f.scope) add((p) => `c.tenant_id = any(${p}::uuid[])`, f.scope);
      if (f.assignedUserId) add((p) => `c.assigned_user_id = ${p}`, f.assignedUserId);
      if (f.tenantId) add((p) => `c.tenant_id = ${p}`, f.tenantId);
      if (f.reference) {
        // A full reference is an exact match; a partial one (as an operator types it) is a prefix.
        if (f.reference.length >= 8) add((p) => `c.reference = ${p}`, f.reference);
        else add((p) => `c.reference like ${p}`, `${f.reference}%`);
      }
      if (f.phones) add((p) => `(c.caller_phone = any(${p}::text[]) or cu.phones && ${p}::text[])`, f.phones);
      if (f.statuses) add((p) => `c.status = any(${p}::text[])`, f.statuses);
      if (f.customerId) add((p) => `c.customer_id = ${p}`, f.customerId);
      if (f.q) add((p) => `(lower(cu.name) like ${p} or lower(c.description) like ${p})`, `%${f.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
      if (f.from) add((p) => `c.created_at >= ${p}`, f.from);
      if (f.to) add((p) => `c.created_at < ${p}`, f.to);
      if (f.after) {
        params.push(f.after.createdAt, f.after.id);
        where.push(`(c.created_at, c.id) < ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(f.limit);
      return db.query<CaseRow>(
        `select ${caseColumns} from ${caseFrom} ${where.length ? `where ${where.join(' and ')}` : ''}
         order by c.created_at desc, c.id desc limit $${params.length}`,
        params,
      );
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
