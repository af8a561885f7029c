import { ZErlangCQuery, ZErlangCResult } from '../../shared/api/staffing.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { planStaffing } from './plan-staffing.ts';

export function registerStaffingRoutes(routes: RouteTable) {
  routes.route(
    {
      method: 'get', path: '/api/v1/staffing/erlang-c', tag: 'staffing', query: ZErlangCQuery, response: ZErlangCResult,
      summary: 'Agents needed for an interval (Erlang C): calls, AHT and a service-level target in; agents, scheduled heads, SL, P(wait), ASA, occupancy out',
    },
    async ({ principal, c }) => planStaffing(principal, c.req.query()),
  );
}
