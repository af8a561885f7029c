import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { randomUUID } from 'node:crypto';
import { authenticate } from './auth/auth-middleware.ts';
import { registerAuthRoutes } from './auth/auth-routes.ts';
import { registerCallRoutes } from './calls/call-routes.ts';
import { registerCaseRoutes } from './cases/case-routes.ts';
import { registerCustomerRoutes } from './customers/customer-routes.ts';
import { AppError } from './platform/errors.ts';
import { createRouteTable, maxBodyBytes } from './platform/http/define-route.ts';
import { errorResponse } from './platform/http/error-response.ts';
import type { HttpEnv } from './platform/http/http-env.ts';
import { registerNotificationRoutes } from './notifications/notification-routes.ts';
import { registerOperatorRoutes } from './operators/operator-routes.ts';
import { buildOpenApiDocument } from './platform/http/openapi.ts';
import { serveWebApp } from './platform/http/serve-web-app.ts';
import { registerProtocolRoutes } from './protocols/protocol-routes.ts';
import { registerStaffingRoutes } from './staffing/staffing-routes.ts';
import { registerReportRoutes } from './reports/report-routes.ts';
import { registerTechnicianRoutes } from './technicians/technician-routes.ts';
import { registerTenantRoutes } from './tenants/tenant-routes.ts';
import { registerPromptRoutes } from './prompts/prompt-routes.ts';
import { DEFAULT_UPLOAD_LIMITS } from './telephony/prompts/uploaded-prompt.ts';
import { registerTrunkRoutes } from './trunks/trunk-routes.ts';
import type { Services } from './services.ts';
import { registerKnowledgeRoutes } from './knowledge/knowledge-routes.ts';
import { registerPortalRoutes } from './portal/portal-routes.ts';
import { serveMetrics, type MetricsAccess } from './metrics/metrics-route.ts';
import { registerDispatchRoutes } from './dispatch/dispatch-routes.ts';
import { registerFieldRoutes } from './field/field-routes.ts';
import { rateLimit } from './platform/http/rate-limit.ts';

/** The HTTP adapter: every route of the desk, authenticated and tenant-scoped unless marked public. */
export function createHttpApp(
  services: Services,
  options: { webRoot: string | undefined; version: string; isReady: () => boolean; metrics?: MetricsAccess; sipPort?: number },
) {
  const app = new Hono<HttpEnv>();
  app.onError((error, c) => errorResponse(error, c));
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    c.set('log', services.log.child({ requestId }));
    c.header('x-request-id', requestId);
    await next();
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"] } }));
  if (options.metrics) serveMetrics(app, options.metrics);
  app.get('/healthz', (c) => (options.isReady() ? c.json({ status: 'ok' }) : c.json({ status: 'starting' }, 503)));

  // Recorded prompts are audio files; every other body is JSON and small.
  const limit = (maxSize: number) =>
    bodyLimit({ maxSize, onError: () => { throw new AppError('payload_too_large', `the body is limited to ${maxSize} bytes`); } });
  const uploadLimit = limit(DEFAULT_UPLOAD_LIMITS.maxBytes);
  const jsonLimit = limit(maxBodyBytes);
  app.use('/api/*', (c, next) => (/^\/api\/v1\/tenants\/[^/]+\/prompts$/.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)));
  // Public routes whose only credential is a secret in a link: a budget per address against guessing.
  const publicLimit = rateLimit({ limit: 30, windowMs: 60_000, clock: services.clock, name: 'public link' });
  for (const path of ['/api/v1/offers/*', '/api/v1/public/*', '/api/v1/field/sign-in', '/api/v1/field/sign-in-link']) app.use(path, publicLimit);
  app.use('/api/v1/webhooks/*', rateLimit({ limit: 600, windowMs: 60_000, clock: services.clock, name: 'webhook' }));
  app.use('/api/*', authenticate(services));
  const routes = createRouteTable(app);
  registerAuthRoutes(routes, services);
  registerTenantRoutes(routes, services);
  registerProtocolRoutes(routes, services);
  registerCustomerRoutes(routes, services);
  registerCaseRoutes(routes, services);
  registerCallRoutes(routes, services);
  registerTrunkRoutes(routes, services);
  registerPromptRoutes(routes, services);
  registerNotificationRoutes(routes, services);
  registerTechnicianRoutes(routes, services);
  registerStaffingRoutes(routes);
  registerKnowledgeRoutes(routes, services);
  registerPortalRoutes(routes, services);
  registerReportRoutes(routes, services);
  registerDispatchRoutes(routes, app, services);
  registerFieldRoutes(routes, services);
  registerOperatorRoutes(routes, services, { sipPort: options.sipPort });

  const openApi = buildOpenApiDocument(routes.docs, { version: options.version });
  app.get('/api/v1/openapi.json', (c) => c.json(openApi));
  app.all('/api/*', () => {
    throw new AppError('not_found', 'no such API route');
  });
  if (options.webRoot) serveWebApp(app, options.webRoot);
  return app;
}
