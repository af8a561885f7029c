import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TAsset, TCustomer, TSite } from '../../shared/api/customers.ts';
import type { TLanguage } from '../../shared/common.ts';

export interface CustomerRow {
  id: string;
  tenantId: string;
  name: string;
  phones: string[];
  email: string | null;
  language: TLanguage | null;
  notes: string;
  createdAt: Date;
}

const customerColumns = `id, tenant_id as "tenantId", name, phones, email, language, notes, created_at as "createdAt"`;
const siteColumns = `id, tenant_id as "tenantId", customer_id as "customerId", label, street, city, postal_code as "postalCode",
  region, country, latitude, longitude, access_notes as "accessNotes"`;
const assetColumns = `id, tenant_id as "tenantId", customer_id as "customerId", site_id as "siteId", appliance_type as "applianceType",
  brand, model, serial_number as "serialNumber", to_char(purchase_date, 'YYYY-MM-DD') as "purchaseDate",
  to_char(warranty_ends, 'YYYY-MM-DD') as "warrantyEnds"`;

export type SiteRow = TSite & { tenantId: string };
export type AssetRow = TAsset & { tenantId: string };

export const toCustomer = (row: CustomerRow): TCustomer => ({ ...row, createdAt: row.createdAt.toISOString() });
export const toSite = ({ tenantId: _t, ...site }: SiteRow): TSite => site;
export const toAsset = ({ tenantId: _t, ...asset }: AssetRow): TAsset => asset;

export function createCustomerRepository(db: Queryable) {
  return {
    findCustomer: (id: string) => queryOne<CustomerRow>(db, `select ${customerColumns} from customers where id = $1`, [id]),

    findCustomersByPhone: (tenantId: string, e164: string) =>
      db.query<CustomerRow>(
        `select ${customerColumns} from customers where tenant_id = $1 and phones @> array[$2]::text[] order by created_at`,
        [tenantId, e164],
      ),

    searchCustomers: (filter: { scope: readonly string[] | null; tenantId?: string; phones?: readonly string[]; q?: string; limit: number }) =>
      db.query<CustomerRow>(
        `select ${customerColumns} from customers
         where ($1::uuid[] is null or tenant_id = any($1::uuid[]))
           and ($2::uuid is null or tenant_id = $2)
           and ($3::text[] is null or phones && $3::text[])
           and ($4::text is null or lower(name) like '%' || lower($4) || '%' or lower(coalesce(email, '')) like '%' || lower($4) || '%')
         order by lower(name), id limit $5`,
        [filter.scope, filter.tenantId ?? null, filter.phones ?? null, filter.q?.replace(/[%_\\]/g, '\\$&') ?? null, filter.limit],
      ),

    insertCustomer: async (c: Omit<CustomerRow, 'id' | 'createdAt'>) =>
      (await queryOne<CustomerRow>(
        db,
        `insert into customers (tenant_id, name, phones, email, language, notes) values ($1, $2, $3::text[], $4, $5, $6)
         returning ${customerColumns}`,
        [c.tenantId, c.name, c.phones, c.email, c.language, c.notes],
      ))!,

    updateCustomer: async (c: CustomerRow) =>
      (await queryOne<CustomerRow>(
        db,
        `update customers set name = $2, phones = $3::text[], email = $4, language = $5, notes = $6, updated_at = now()
         where id = $1 returning ${customerColumns}`,
        [c.id, c.name, c.phones, c.email, c.language, c.notes],
      ))!,

    findSite: (id: string) => queryOne<SiteRow>(db, `select ${siteColumns} from sites where id = $1`, [id]),
    listSites: (customerId: string) => db.query<SiteRow>(`select ${siteColumns} from sites where customer_id = $1 order by created_at`, [customerId]),
    insertSite: async (s: Omit<SiteRow, 'id'>) =>
      (await queryOne<SiteRow>(
        db,
        `insert into sites (tenant_id, customer_id, label, street, city, postal_code, region, country, latitude, longitude, access_notes)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${siteColumns}`,
        [s.tenantId, s.customerId, s.label, s.street, s.city, s.postalCode, s.region, s.country, s.latitude, s.longitude, s.accessNotes],
      ))!,

    findAsset: (id: string) => queryOne<AssetRow>(db, `select ${assetColumns} from assets where id = $1`, [id]),
    listAssets: (customerId: string) =>
      db.query<AssetRow>(`select ${assetColumns} from assets where customer_id = $1 order by created_at`, [customerId]),
    insertAsset: async (a: Omit<AssetRow, 'id'>) =>
      (await queryOne<AssetRow>(
        db,
        `insert into assets (tenant_id, customer_id, site_id, appliance_type, brand, model, serial_number, purchase_date, warranty_ends)
         values ($1, $2, $3, $4, $5, $6, $7, $8::date, $9::date) returning ${assetColumns}`,
        [a.tenantId, a.customerId, a.siteId, a.applianceType, a.brand, a.model, a.serialNumber, a.purchaseDate, a.warrantyEnds],
      ))!,
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
