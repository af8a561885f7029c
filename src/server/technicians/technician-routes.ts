import { z } from 'zod';
import {
  ZCreateTechnician,
  ZReportPosition,
  ZSetTechnicianState,
  ZTechnician,
  ZTechnicianImportResult,
  ZTechnicianQuery,
  ZUpdateTechnician,
} from '../../shared/api/technicians.ts';
import { AppError } from '../platform/errors.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { importTechnicians } from './import-technicians.ts';
import { createTechnician, getTechnician, listTechnicians, updateTechnician } from './manage-technicians.ts';
import type { TechnicianDeps } from './technician-access.ts';
import { reportTechnicianPosition, setTechnicianState } from './technician-live-state.ts';

const base = '/api/v1/tenants/:id/technicians';

export function registerTechnicianRoutes(routes: RouteTable, deps: TechnicianDeps) {
  const tag = 'technicians';
  const ids = (params: Record<string, string>) => [requireUuid(params.id, 'tenant'), requireUuid(params.technicianId, 'technician')] as const;
  routes.route(
    { method: 'get', path: base, summary: "A tenant's technicians, by name", tag, query: ZTechnicianQuery, response: z.object({ items: z.array(ZTechnician) }) },
    async ({ principal, params, c }) => ({ items: await listTechnicians(deps, principal, requireUuid(params.id, 'tenant'), c.req.query()) }),
  );
  routes.route(
    { method: 'post', path: base, summary: 'Add a technician (tenantIds: other tenants they also work for)', tag, body: ZCreateTechnician, response: ZTechnician, status: 201 },
    async ({ principal, params, body }) => createTechnician(deps, principal, requireUuid(params.id, 'tenant'), body),
  );
  routes.route(
    {
      method: 'post', path: `${base}/import`, tag, response: ZTechnicianImportResult,
      summary:
        'Import technicians from a text/csv body: a header row, then name, phone, email, skills, brands, certifications (lists split by ;), ' +
        'home_lat, home_lon, zone_radius_km, hours (mon-fri 08:00-18:00; sat 09:00-13:00), time_zone, daily_capacity. ' +
        'All or nothing; a phone already in the tenant updates that technician; errors name rows.<row>.<column>, the header being row 1',
    },
    async ({ principal, params, c }) => {
      if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type', 'send the file as text/csv');
      return importTechnicians(deps, principal, requireUuid(params.id, 'tenant'), await c.req.text());
    },
  );
  routes.route(
    { method: 'get', path: `${base}/:technicianId`, summary: 'A technician (a technician may read their own)', tag, response: ZTechnician },
    async ({ principal, params }) => getTechnician(deps, principal, ...ids(params)),
  );
  routes.route(
    { method: 'patch', path: `${base}/:technicianId`, summary: 'Change a technician (shared by every tenant they work for)', tag, body: ZUpdateTechnician, response: ZTechnician },
    async ({ principal, params, body }) => updateTechnician(deps, principal, ...ids(params), body),
  );
  routes.route(
    { method: 'put', path: `${base}/:technicianId/state`, summary: 'Set free, on_job or off (the technician, or whoever dispatches)', tag, body: ZSetTechnicianState, response: ZTechnician },
    async ({ principal, params, body }) => setTechnicianState(deps, principal, ...ids(params), body),
  );
  routes.route(
    { method: 'post', path: `${base}/:technicianId/position`, summary: 'Report the last known position (the mobile view)', tag, body: ZReportPosition, response: ZTechnician },
    async ({ principal, params, body }) => reportTechnicianPosition(deps, principal, ...ids(params), body),
  );
}
