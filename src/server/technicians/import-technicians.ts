import {
  defaultDailyCapacity,
  requiredCsvColumns,
  technicianCsvColumns,
  ZTechnicianCsvRow,
  type TServiceZoneInput,
  type TTechnicianCsvRow,
  type TTechnicianImportResult,
} from '../../shared/api/technicians.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { findE164 } from '../phones/normalise-phone.ts';
import type { TenantRow } from '../tenants/tenant-repository.ts';
import { uniqueWords, uniquenessKeys } from './manage-technicians.ts';
import { detectDelimiter, readCsv } from './read-csv.ts';
import { requireTechnicianUse, requireTenantRow, type TechnicianDeps } from './technician-access.ts';
import { createTechnicianRepository, type TechnicianFields, type TechnicianRow } from './technician-repository.ts';

/** Large enough for any real roster, small enough that one transaction stays short on PGlite. */
export const maxImportRows = 2000;

type ParsedRow = { row: number; data: TTechnicianCsvRow; phone: string };

const rowsError = (code: 'validation_failed' | 'conflict', fields: FieldError[]) =>
  new AppError(code, `the file was not imported: ${fields.length} problem(s), first ${fields[0]!.path} ${fields[0]!.message}`, fields);

function readHeader(fields: readonly string[], row: number): { columns: string[]; errors: FieldError[] } {
  const columns = fields.map((c) => c.trim().toLowerCase());
  const errors: FieldError[] = [];
  columns.forEach((column, i) => {
    const path = `rows.${row}.${column || `column${i + 1}`}`;
    if (!(technicianCsvColumns as readonly string[]).includes(column)) errors.push({ path, message: 'unknown column' });
    else if (columns.indexOf(column) !== i) errors.push({ path, message: 'column given twice' });
  });
  for (const column of requiredCsvColumns) if (!columns.includes(column)) errors.push({ path: `rows.${row}.${column}`, message: 'missing column' });
  return { columns, errors };
}

/** Every row is checked and every problem reported, as `rows.<row>.<column>`, before anything is written. */
function parseRows(csv: string, country: string): { rows: ParsedRow[]; errors: FieldError[] } {
  const [header, ...records] = readCsv(csv, detectDelimiter(csv));
  if (!header) return { rows: [], errors: [{ path: 'rows.1', message: 'the file is empty: expected a header row' }] };
  const { columns, errors } = readHeader(header.fields, header.row);
  if (errors.length > 0) return { rows: [], errors };
  if (records.length === 0) errors.push({ path: `rows.${header.row + 1}`, message: 'no technicians after the header' });
  if (records.length > maxImportRows) errors.push({ path: 'rows', message: `at most ${maxImportRows} technicians per file` });
  if (errors.length > 0) return { rows: [], errors };

  const rows: ParsedRow[] = [];
  const rowOfPhone = new Map<string, number>();
  for (const { row, fields } of records) {
    if (fields.length !== columns.length) {
      errors.push({ path: `rows.${row}`, message: `expected ${columns.length} values, found ${fields.length}` });
      continue;
    }
    const values = Object.fromEntries(columns.map((column, i) => [column, fields[i]!]));
    const parsed = ZTechnicianCsvRow.safeParse(values);
    for (const issue of parsed.error?.issues ?? []) {
      const item = issue.path.length > 1 ? `item ${Number(issue.path[1]) + 1}: ` : '';
      errors.push({ path: `rows.${row}.${String(issue.path[0])}`, message: item + issue.message });
    }
    const phoneText = values.phone?.trim() ?? '';
    const phone = phoneText ? findE164(phoneText, country) : undefined;
    if (phoneText && !phone) errors.push({ path: `rows.${row}.phone`, message: 'not a valid phone number' });
    if (phone && rowOfPhone.has(phone)) errors.push({ path: `rows.${row}.phone`, message: `the same phone as row ${rowOfPhone.get(phone)}` });
    if (phone && !rowOfPhone.has(phone)) rowOfPhone.set(phone, row);
    if (parsed.success && phone) rows.push({ row, data: parsed.data, phone });
  }
  return { rows, errors };
}

/** The circle is centred on home; a polygon set through the API is kept, since CSV cannot hold one. */
function zoneOf(current: TServiceZoneInput | undefined, radiusKm: number | null | undefined, home: { lat: number; lon: number }): TServiceZoneInput {
  if (radiusKm === undefined) return current ?? {};
  const { circle: _old, ...rest } = current ?? {};
  return radiusKm === null ? rest : { ...rest, circle: { center: home, radiusKm } };
}

/**
 * A row describes the columns the file has: a blank optional cell clears or defaults it, a
 * column the file lacks keeps what the technician had. The rest (account, calendar, state) is
 * left as it was.
 */
function fieldsOf(p: ParsedRow, current: TechnicianRow | undefined, tenant: TenantRow): TechnicianFields {
  const d = p.data;
  const home = { lat: d.home_lat, lon: d.home_lon };
  const keep = <T>(value: T | null | undefined, kept: T | undefined, fallback: T): T =>
    value ?? (value === undefined && kept !== undefined ? kept : fallback);
  return {
    userId: current?.userId ?? null,
    name: d.name,
    phone: p.phone,
    email: keep(d.email, current?.email ?? undefined, null),
    skills: d.skills ? uniqueWords(d.skills) : (current?.skills ?? []),
    brands: d.brands ? uniqueWords(d.brands) : (current?.brands ?? []),
    certifications: d.certifications ? uniqueWords(d.certifications) : (current?.certifications ?? []),
    homeLat: home.lat,
    homeLon: home.lon,
    zone: zoneOf(current?.zone, d.zone_radius_km, home),
    hours: d.hours ?? current?.hours ?? [],
    exceptions: current?.exceptions ?? [],
    onCall: current?.onCall ?? [],
    timeZone: keep(d.time_zone, current?.timeZone, tenant.timeZone),
    dailyCapacity: keep(d.daily_capacity, current?.dailyCapacity, defaultDailyCapacity),
    state: current?.state ?? 'free',
    active: current?.active ?? true,
  };
}

/**
 * Imports a tenant's technicians from CSV, all or nothing in one transaction: a row whose phone
 * is a technician of this tenant updates them, any other row adds one. A phone that belongs to
 * a technician of another tenant is refused: linking people across tenants is an explicit act.
 */
export async function importTechnicians(deps: TechnicianDeps, actor: Principal, tenantId: string, csv: string): Promise<TTechnicianImportResult> {
  requireTechnicianUse(actor, tenantId, 'edit');
  const tenant = await requireTenantRow(deps, tenantId);
  const { rows, errors } = parseRows(csv, tenant.country);
  if (errors.length > 0) throw rowsError('validation_failed', errors);

  return deps.db.transaction(async (tx) => {
    const repo = createTechnicianRepository(tx);
    const existing = new Map((await repo.findTechniciansByPhones(rows.map((r) => r.phone), true)).map((t) => [t.phone, t]));
    const elsewhere = rows.filter((r) => existing.get(r.phone)?.tenantIds.includes(tenantId) === false);
    if (elsewhere.length > 0) {
      throw rowsError('conflict', elsewhere.map((r) => ({ path: `rows.${r.row}.phone`, message: 'already the phone of a technician of another tenant' })));
    }
    const result: TTechnicianImportResult = { created: 0, updated: 0, rows: [] };
    for (const r of rows) {
      const current = existing.get(r.phone);
      const fields = fieldsOf(r, current, tenant);
      if (current) {
        await repo.updateTechnician(current.id, fields);
        result.updated += 1;
        result.rows.push({ row: r.row, technicianId: current.id, action: 'updated' });
      } else {
        const id = await repo.insertTechnician(fields);
        await repo.addTenants(id, [tenantId]);
        result.created += 1;
        result.rows.push({ row: r.row, technicianId: id, action: 'created' });
      }
    }
    return result;
  }, { lockKeys: uniquenessKeys(rows.map((r) => r.phone)) });
}
