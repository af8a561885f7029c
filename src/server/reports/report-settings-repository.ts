import type { TReportSettings, TReportSettingsPatch } from '../../shared/api/reports.ts';
import type { Queryable } from '../platform/db/database.ts';

/** What a desk assumes before anyone sets a value: the classic 80/20 target and zero costs. */
export const builtInReportSettings: TReportSettings = Object.freeze({
  currency: 'EUR',
  seatCostPerHour: 0,
  telephonyCostPerMinute: 0,
  missedCallValue: 0,
  serviceLevelTarget: 0.8,
  serviceLevelSeconds: 20,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
  billingRounding: 'per_second',
});

const columns = {
  currency: 'currency',
  seatCostPerHour: 'seat_cost_per_hour',
  telephonyCostPerMinute: 'telephony_cost_per_minute',
  missedCallValue: 'missed_call_value',
  serviceLevelTarget: 'service_level_target',
  serviceLevelSeconds: 'service_level_seconds',
  maxOccupancy: 'max_occupancy',
  shrinkage: 'shrinkage',
  billingRounding: 'billing_rounding',
} as const satisfies Record<keyof TReportSettings, string>;

const keys = Object.keys(columns) as (keyof TReportSettings)[];
const selectList = keys.map((key) => `${columns[key]} as "${key}"`).join(', ');

type StoredRow = { [K in keyof TReportSettings]: TReportSettings[K] | null };

/** Only the values a row sets: null columns inherit. */
function setValues(row: StoredRow | undefined): TReportSettingsPatch {
  if (!row) return {};
  return Object.fromEntries(keys.filter((key) => row[key] !== null).map((key) => [key, typeof row[key] === 'string' && key !== 'currency' && key !== 'billingRounding' ? Number(row[key]) : row[key]]));
}

export function createReportSettingsRepository(db: Queryable) {
  async function stored(tenantId: string | null): Promise<TReportSettingsPatch> {
    const rows = await db.query<StoredRow>(
      `select ${selectList} from report_settings where ${tenantId === null ? 'tenant_id is null' : 'tenant_id = $1'}`,
      tenantId === null ? [] : [tenantId],
    );
    return setValues(rows[0]);
  }

  return {
    /** The desk defaults (with built-ins filled in) and, for a tenant, its own overrides. */
    async readSettings(tenantId: string | null) {
      const deskSet = await stored(null);
      const desk: TReportSettings = { ...builtInReportSettings, ...deskSet } as TReportSettings;
      const overrides = tenantId === null ? deskSet : await stored(tenantId);
      const effective: TReportSettings = { ...desk, ...(tenantId === null ? {} : overrides) } as TReportSettings;
      return { desk, overrides, effective };
    },

    /** Applies a patch in one statement: given keys set (null clears an override), the others stay. */
    async patchSettings(tenantId: string | null, patch: TReportSettingsPatch, at: Date): Promise<void> {
      const given = keys.filter((key) => patch[key] !== undefined);
      const values = given.map((key) => patch[key]);
      const insertColumns = ['tenant_id', 'updated_at', ...given.map((key) => columns[key])].join(', ');
      const placeholders = ['$1::uuid', '$2', ...given.map((_, i) => `$${i + 3}`)].join(', ');
      const updates = ['updated_at = excluded.updated_at', ...given.map((key) => `${columns[key]} = excluded.${columns[key]}`)].join(', ');
      const conflict = tenantId === null ? '((tenant_id is null)) where tenant_id is null' : '(tenant_id)';
      await db.query(`insert into report_settings (${insertColumns}) values (${placeholders}) on conflict ${conflict} do update set ${updates}`, [tenantId, at, ...values]);
    },
  };
}
