import { ZCall, ZCallPage, ZCallQuery } from '../../shared/api/calls.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { getCall, getRecordingWav, listCalls, type CallQueryDeps } from './query-calls.ts';

export function registerCallRoutes(routes: RouteTable, deps: CallQueryDeps) {
  const tag = 'calls';
  routes.route(
    { method: 'get', path: '/api/v1/calls', summary: 'Call records, newest first (filter by tenant, case, phone, outcome, dates)', tag, query: ZCallQuery, response: ZCallPage },
    async ({ principal, c }) => listCalls(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/calls/:id', summary: 'One call record with its path through the flow', tag, response: ZCall },
    async ({ principal, params }) => getCall(deps, principal, params.id ?? ''),
  );
  routes.route(
    { method: 'get', path: '/api/v1/recordings/:id', summary: 'A recording (voicemail) as WAV audio', tag },
    async ({ principal, params, c }) => {
      const wav = await getRecordingWav(deps, principal, params.id ?? '');
      return c.body(wav as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'audio/wav', 'cache-control': 'private, max-age=3600' });
    },
  );
}
