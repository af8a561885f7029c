import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TProtocolVersion } from '../../shared/api/protocols.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import type { TIvrFlow } from '../../shared/ivr-flow.ts';
import type { TDispatchPolicy } from '../../shared/dispatch-policy.ts';

export interface ProtocolRow {
  id: string;
  tenantId: string;
  version: number;
  status: TProtocolVersion['status'];
  intakeSchema: TIntakeSchema;
  flow: TIvrFlow | null;
  dispatchPolicy: TDispatchPolicy | null;
  note: string;
  createdAt: Date;
  publishedAt: Date | null;
}

const columns = `id, tenant_id as "tenantId", version, status, intake_schema as "intakeSchema", flow, dispatch_policy as "dispatchPolicy", note,
  created_at as "createdAt", published_at as "publishedAt"`;

export const toProtocolVersion = (row: ProtocolRow): TProtocolVersion => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

export function createProtocolRepository(db: Queryable) {
  return {
    findInForce: (tenantId: string) =>
      queryOne<ProtocolRow>(db, `select ${columns} from protocols where tenant_id = $1 and status = 'published'`, [tenantId]),

    findVersion: (tenantId: string, version: number) =>
      queryOne<ProtocolRow>(db, `select ${columns} from protocols where tenant_id = $1 and version = $2`, [tenantId, version]),

    findById: (id: string) => queryOne<ProtocolRow>(db, `select ${columns} from protocols where id = $1`, [id]),

    listVersions: (tenantId: string) =>
      db.query<ProtocolRow>(`select ${columns} from protocols where tenant_id = $1 order by version desc`, [tenantId]),

    async insertDraft(
      tx: Queryable, tenantId: string, intakeSchema: TIntakeSchema, flow: TIvrFlow | null, note: string, dispatchPolicy: TDispatchPolicy | null = null,
    ): Promise<ProtocolRow> {
      return (await queryOne<ProtocolRow>(
        tx,
        `insert into protocols (tenant_id, version, status, intake_schema, flow, note, dispatch_policy)
         values ($1, (select coalesce(max(version), 0) + 1 from protocols where tenant_id = $1), 'draft', $2::jsonb, $3::jsonb, $4, $5::jsonb)
         returning ${columns}`,
        [tenantId, JSON.stringify(intakeSchema), flow ? JSON.stringify(flow) : null, note, dispatchPolicy ? JSON.stringify(dispatchPolicy) : null],
      ))!;
    },

    async publish(tx: Queryable, tenantId: string, version: number, at: Date): Promise<ProtocolRow | undefined> {
      await tx.query(`update protocols set status = 'retired' where tenant_id = $1 and status = 'published'`, [tenantId]);
      return queryOne<ProtocolRow>(
        tx,
        `update protocols set status = 'published', published_at = $3 where tenant_id = $1 and version = $2 returning ${columns}`,
        [tenantId, version, at],
      );
    },
  };
}

export type ProtocolRepository = ReturnType<typeof createProtocolRepository>;
