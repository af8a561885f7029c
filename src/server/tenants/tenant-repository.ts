import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TBusinessHours, TLine, TTenant } from '../../shared/api/tenants.ts';
import type { TLanguage } from '../../shared/common.ts';

export interface TenantRow {
  id: string;
  name: string;
  billingCode: string;
  language: TLanguage;
  timeZone: string;
  country: string;
  businessHours: TBusinessHours;
  duplicateWindowHours: number;
  createdAt: Date;
}

const tenantColumns = `id, name, billing_code as "billingCode", language, time_zone as "timeZone", country,
  business_hours as "businessHours", duplicate_window_hours as "duplicateWindowHours", created_at as "createdAt"`;
const lineColumns = `id, tenant_id as "tenantId", number, label, created_at as "createdAt"`;

export const toTenant = (row: TenantRow): TTenant => ({ ...row, createdAt: row.createdAt.toISOString() });
export const toLine = (row: Omit<TLine, 'createdAt'> & { createdAt: Date }): TLine => ({ ...row, createdAt: row.createdAt.toISOString() });

export function createTenantRepository(db: Queryable) {
  return {
    findTenant: (id: string) => queryOne<TenantRow>(db, `select ${tenantColumns} from tenants where id = $1`, [id]),

    findTenantByBillingCode: (code: string) =>
      queryOne<TenantRow>(db, `select ${tenantColumns} from tenants where billing_code = $1`, [code]),

    listTenants: (scope: readonly string[] | null) =>
      db.query<TenantRow>(`select ${tenantColumns} from tenants where $1::uuid[] is null or id = any($1::uuid[]) order by name`, [scope]),

    async insertTenant(tx: Queryable, t: Omit<TenantRow, 'id' | 'createdAt'>): Promise<TenantRow> {
      return (await queryOne<TenantRow>(
        tx,
        `insert into tenants (name, billing_code, language, time_zone, country, business_hours, duplicate_window_hours)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7) returning ${tenantColumns}`,
        [t.name, t.billingCode, t.language, t.timeZone, t.country, JSON.stringify(t.businessHours), t.duplicateWindowHours],
      ))!;
    },

    async updateTenant(tx: Queryable, id: string, t: Omit<TenantRow, 'id' | 'createdAt'>): Promise<TenantRow> {
      return (await queryOne<TenantRow>(
        tx,
        `update tenants set name = $2, billing_code = $3, language = $4, time_zone = $5, country = $6,
           business_hours = $7::jsonb, duplicate_window_hours = $8, updated_at = now()
         where id = $1 returning ${tenantColumns}`,
        [id, t.name, t.billingCode, t.language, t.timeZone, t.country, JSON.stringify(t.businessHours), t.duplicateWindowHours],
      ))!;
    },

    listLines: (tenantId: string) =>
      db.query<Omit<TLine, 'createdAt'> & { createdAt: Date }>(`select ${lineColumns} from lines where tenant_id = $1 order by number`, [tenantId]),

    findLineByNumber: (number: string) =>
      queryOne<Omit<TLine, 'createdAt'> & { createdAt: Date }>(db, `select ${lineColumns} from lines where number = $1`, [number]),

    findLinesByNumbers: (numbers: readonly string[]) =>
      db.query<Omit<TLine, 'createdAt'> & { createdAt: Date }>(`select ${lineColumns} from lines where number = any($1::text[])`, [numbers]),

    findLine: (id: string) =>
      queryOne<Omit<TLine, 'createdAt'> & { createdAt: Date }>(db, `select ${lineColumns} from lines where id = $1`, [id]),

    insertLine: async (tenantId: string, number: string, label: string) =>
      (await queryOne<Omit<TLine, 'createdAt'> & { createdAt: Date }>(
        db,
        `insert into lines (tenant_id, number, label) values ($1, $2, $3) returning ${lineColumns}`,
        [tenantId, number, label],
      ))!,

    async deleteLine(id: string) {
      await db.query('delete from lines where id = $1', [id]);
    },
  };
}

export type TenantRepository = ReturnType<typeof createTenantRepository>;
