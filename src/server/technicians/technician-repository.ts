import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type {
  TTechnicianRecord,
  TTechnicianStateName,
  TServiceZoneInput,
  TWorkingSpanInput,
} from '../../shared/api/technicians.ts';

export interface TechnicianRow {
  id: string;
  userId: string | null;
  tenantIds: string[];
  name: string;
  phone: string;
  email: string | null;
  skills: string[];
  brands: string[];
  certifications: string[];
  homeLat: number;
  homeLon: number;
  zone: TServiceZoneInput;
  hours: TWorkingSpanInput[];
  exceptions: TTechnicianRecord['exceptions'];
  onCall: TTechnicianRecord['onCall'];
  timeZone: string;
  dailyCapacity: number;
  state: TTechnicianStateName;
  lastLat: number | null;
  lastLon: number | null;
  lastPositionAt: Date | null;
  lastAssignedAt: Date | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What an administrator edits; position, assignment times and tenants have their own writes. */
export type TechnicianFields = Omit<
  TechnicianRow,
  'id' | 'tenantIds' | 'lastLat' | 'lastLon' | 'lastPositionAt' | 'lastAssignedAt' | 'createdAt' | 'updatedAt'
>;

const technicianColumns = `t.id, t.user_id as "userId", t.name, t.phone, t.email, t.skills, t.brands, t.certifications,
  t.home_lat as "homeLat", t.home_lon as "homeLon", t.zone, t.hours, t.exceptions, t.on_call as "onCall",
  t.time_zone as "timeZone", t.daily_capacity as "dailyCapacity", t.state, t.last_lat as "lastLat", t.last_lon as "lastLon",
  t.last_position_at as "lastPositionAt", t.last_assigned_at as "lastAssignedAt", t.active,
  t.created_at as "createdAt", t.updated_at as "updatedAt",
  coalesce((select array_agg(m.tenant_id::text order by m.tenant_id) from technician_tenants m where m.technician_id = t.id), '{}') as "tenantIds"`;

const fieldParams = (f: TechnicianFields) => [
  f.userId, f.name, f.phone, f.email, f.skills, f.brands, f.certifications, f.homeLat, f.homeLon,
  JSON.stringify(f.zone), JSON.stringify(f.hours), JSON.stringify(f.exceptions), JSON.stringify(f.onCall),
  f.timeZone, f.dailyCapacity, f.state, f.active,
];

/** The API shape; `visibleTenants` hides the other tenants a shared technician works for. */
export function toTechnician(row: TechnicianRow, visibleTenants: (tenantId: string) => boolean): TTechnicianRecord {
  const { homeLat, homeLon, lastLat, lastLon, lastPositionAt, lastAssignedAt, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    tenantIds: row.tenantIds.filter(visibleTenants),
    home: { lat: homeLat, lon: homeLon },
    lastPosition: lastLat !== null && lastLon !== null && lastPositionAt ? { lat: lastLat, lon: lastLon, at: lastPositionAt.toISOString() } : null,
    lastAssignedAt: lastAssignedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function createTechnicianRepository(db: Queryable) {
  return {
    /** `lock` holds the row until the transaction ends, so two edits cannot undo each other. */
    findTechnician: (id: string, lock = false) =>
      queryOne<TechnicianRow>(db, `select ${technicianColumns} from technicians t where t.id = $1${lock ? ' for update' : ''}`, [id]),

    findTechnicianByUser: (userId: string) =>
      queryOne<TechnicianRow>(db, `select ${technicianColumns} from technicians t where t.user_id = $1`, [userId]),

    findTechniciansByPhones: (phones: readonly string[], lock = false) =>
      db.query<TechnicianRow>(`select ${technicianColumns} from technicians t where t.phone = any($1::text[])${lock ? ' for update' : ''}`, [phones]),

    listTechnicians: (f: { tenantId: string; state?: string; skill?: string; active: boolean | null; limit: number }) =>
      db.query<TechnicianRow>(
        `select ${technicianColumns} from technician_tenants m join technicians t on t.id = m.technician_id
         where m.tenant_id = $1 and ($2::text is null or t.state = $2) and ($3::text is null or t.skills @> array[$3]::text[])
           and ($4::boolean is null or t.active = $4)
         order by lower(t.name), t.id limit $5`,
        [f.tenantId, f.state ?? null, f.skill ?? null, f.active, f.limit],
      ),

    insertTechnician: async (f: TechnicianFields) =>
      (await queryOne<{ id: string }>(
        db,
        `insert into technicians (user_id, name, phone, email, skills, brands, certifications, home_lat, home_lon, zone, hours,
           exceptions, on_call, time_zone, daily_capacity, state, active)
         values ($1, $2, $3, $4, $5::text[], $6::text[], $7::text[], $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15, $16, $17)
         returning id`,
        fieldParams(f),
      ))!.id,

    updateTechnician: async (id: string, f: TechnicianFields) => {
      await db.query(
        `update technicians set user_id = $1, name = $2, phone = $3, email = $4, skills = $5::text[], brands = $6::text[],
           certifications = $7::text[], home_lat = $8, home_lon = $9, zone = $10::jsonb, hours = $11::jsonb, exceptions = $12::jsonb,
           on_call = $13::jsonb, time_zone = $14, daily_capacity = $15, state = $16, active = $17, updated_at = now()
         where id = $18`,
        [...fieldParams(f), id],
      );
    },

    addTenants: async (id: string, tenantIds: readonly string[]) => {
      await db.query(
        `insert into technician_tenants (technician_id, tenant_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
        [id, tenantIds],
      );
    },

    removeTenants: async (id: string, tenantIds: readonly string[]) => {
      await db.query(`delete from technician_tenants where technician_id = $1 and tenant_id = any($2::uuid[])`, [id, tenantIds]);
    },

    setState: async (id: string, state: TTechnicianStateName) => {
      await db.query(`update technicians set state = $2, updated_at = now() where id = $1`, [id, state]);
    },

    /** Fairness (round robin) reads when a technician last took a job. */
    markAssigned: async (id: string, at: Date) => {
      await db.query(`update technicians set last_assigned_at = $2, updated_at = now() where id = $1`, [id, at]);
    },

    /** Fixes can arrive out of order (a phone retrying after a tunnel); an older one never replaces a newer one. */
    recordPosition: async (id: string, p: { lat: number; lon: number; at: Date }) => {
      await db.query(
        `update technicians set last_lat = $2, last_lon = $3, last_position_at = $4, updated_at = now()
         where id = $1 and (last_position_at is null or last_position_at <= $4)`,
        [id, p.lat, p.lon, p.at],
      );
    },

    /**
     * A tenant's active technicians with the jobs handed to each since their local midnight:
     * cases are assigned to the technician's user, and the timeline says when. One person's day
     * is counted across every tenant, since capacity is theirs, not a tenant's.
     */
    listRoster: (tenantId: string, at: Date) =>
      db.query<TechnicianRow & { jobsToday: number }>(
        `select ${technicianColumns},
           (select count(distinct c.id)::int from cases c join case_events e on e.case_id = c.id and e.kind = 'assigned'
            where t.user_id is not null and c.assigned_user_id = t.user_id and c.status <> 'cancelled'
              and e.after->>'assignedUserId' = t.user_id::text
              and e.at >= (date_trunc('day', $2::timestamptz at time zone t.time_zone) at time zone t.time_zone)) as "jobsToday"
         from technician_tenants m join technicians t on t.id = m.technician_id
         where m.tenant_id = $1 and t.active
         order by t.id`,
        [tenantId, at],
      ),
  };
}

export type TechnicianRepository = ReturnType<typeof createTechnicianRepository>;
