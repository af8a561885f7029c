import type { Hono } from 'hono';
import { ZCaseDispatch, ZDispatchAlerts, ZDispatchRequest, ZOfferAnswerByLink, ZOfferByLink, ZOfferSummary } from '../../shared/api/dispatch.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { AppError } from '../platform/errors.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import type { HttpEnv } from '../platform/http/http-env.ts';
import { dispatchCase, getCaseDispatch, listDispatchAlerts } from './dispatch-case.ts';
import type { DispatchDeps } from './dispatch-deps.ts';
import { answerOfferByLink, handleInboundSms, readOfferByLink } from './respond-to-offer.ts';
import { isValidSmsWebhookSignature } from './sms-signature.ts';

export const inboundSmsPath = '/api/v1/webhooks/sms';

const xml = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function registerDispatchRoutes(routes: RouteTable, app: Hono<HttpEnv>, deps: DispatchDeps & CaseDeps & { smsAuthToken: string | undefined }) {
  const tag = 'dispatch';
  routes.route(
    { method: 'get', path: '/api/v1/cases/:key/dispatch', tag, response: ZCaseDispatch, summary: "The case's latest dispatch: decision, candidates and scores, offers" },
    async ({ principal, params }) => getCaseDispatch(deps, principal, params.key ?? ''),
  );
  routes.route(
    {
      method: 'post', path: '/api/v1/cases/:key/dispatch', tag, body: ZDispatchRequest, response: ZCaseDispatch,
      summary: 'Dispatch by the policy, or to the technicianId given (by hand); a case already offered or taken is reassigned',
    },
    async ({ principal, params, body }) => dispatchCase(deps, principal, params.key ?? '', body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/dispatch/alerts', tag, response: ZDispatchAlerts, summary: 'Cases nobody accepted, waiting for an operator' },
    async ({ principal }) => listDispatchAlerts(deps, principal),
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/offers/by-link', tag, body: ZOfferByLink, response: ZOfferSummary, summary: 'What an offer link shows (the link secret is the credential)' },
    async ({ body }) => readOfferByLink(deps, body),
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/offers/by-link/answer', tag, body: ZOfferAnswerByLink, response: ZOfferSummary, summary: 'Accept or decline by the offer link; the link works once' },
    async ({ body }) => answerOfferByLink(deps, body),
  );
  // Form-encoded, as SMS providers post it, so it sits outside the JSON route table.
  app.post(inboundSmsPath, async (c) => {
    if (!deps.smsAuthToken) throw new AppError('not_found', 'no SMS provider is configured');
    const form = await c.req.parseBody();
    const params = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
    if (!isValidSmsWebhookSignature(deps.smsAuthToken, `${deps.publicUrl}${inboundSmsPath}`, params, c.req.header('x-twilio-signature'))) {
      throw new AppError('forbidden', 'the X-Twilio-Signature header does not match this request');
    }
    const reply = await handleInboundSms(deps, params);
    const body = reply ? `<Response><Message>${xml(reply)}</Message></Response>` : '<Response/>';
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>${body}`, 200, { 'content-type': 'text/xml; charset=utf-8' });
  });
}
