import type { AcdTimers } from '../../src/server/acd/acd-context.ts';
import { createHttpApp } from '../../src/server/http-app.ts';
import { createUser } from '../../src/server/auth/manage-users.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { demoIntakeSchema } from '../../src/server/demo/demo-protocol.ts';
import { createManualClock } from '../../src/server/platform/clock.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { createProtocolDraft, publishProtocolVersion } from '../../src/server/protocols/manage-protocols.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { addLine, createTenant } from '../../src/server/tenants/manage-tenants.ts';
import type { TRole } from '../../src/shared/common.ts';
import { openTestDatabase, type DatabaseKind } from './test-database.ts';

export const testPassword = 'test-password-123';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
}

/** A desk on a fresh database, driven through its HTTP app without a port. */
export async function createTestDesk(
  kind: DatabaseKind,
  options: { demo?: boolean; smsAuthToken?: string; start?: Date; acdTimers?: (clock: ReturnType<typeof createManualClock>) => AcdTimers } = {},
) {
  const database = await openTestDatabase(kind);
  const clock = createManualClock(options.start ?? new Date('2026-11-23T10:00:00Z'));
  const services: Services = await createServices(database.db, {
    log: createLogger('silent'), clock, secureCookies: false, publicUrl: 'https://desk.example', smsAuthToken: options.smsAuthToken,
    ...(options.acdTimers ? { acdTimers: options.acdTimers(clock) } : {}),
  });
  if (options.demo) await seedDemo(services, { password: testPassword });
  const app = createHttpApp(services, { webRoot: undefined, version: 'test', isReady: () => true });

  const raw = async (method: string, path: string, body: unknown, headers: Record<string, string>): Promise<ApiResponse> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON answers (the web app, plain text) are returned as they are.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const client = (auth: Record<string, string>): ApiClient => ({
    request: (method, path, body, headers = {}) => raw(method, path, body, { ...auth, ...headers }),
    get: (path) => raw('GET', path, undefined, auth),
    post: (path, body) => raw('POST', path, body ?? {}, auth),
    patch: (path, body) => raw('PATCH', path, body, auth),
    delete: (path) => raw('DELETE', path, undefined, auth),
  });

  return {
    kind,
    services,
    clock,
    app,
    anonymous: client({}),
    /** Signs in through the API, as the web app does: session cookie plus CSRF header. */
    async signIn(email: string, password = testPassword): Promise<ApiClient> {
      const res = await raw('POST', '/api/v1/auth/login', { email, password }, {});
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      return client({ cookie, 'x-csrf-token': res.body.csrfToken });
    },
    async createTenant(name: string, code: string) {
      const tenant = await createTenant(services, 'system', {
        name, billingCode: code, language: 'es', timeZone: 'Europe/Madrid', country: 'ES',
        businessHours: { weekly: [{ day: 'mon', open: '09:00', close: '18:00' }], closedDates: [] },
      });
      await createProtocolDraft(services, 'system', tenant.id, { intakeSchema: demoIntakeSchema });
      await publishProtocolVersion(services, 'system', tenant.id, 1);
      return tenant;
    },
    async addLine(tenantId: string, number: string) {
      return addLine(services, 'system', tenantId, { number });
    },
    async createUser(email: string, role: TRole, tenantIds: string[] | 'all') {
      return createUser(services, 'system', {
        email, name: email.split('@')[0]!, password: testPassword, role,
        allTenants: tenantIds === 'all', tenantIds: tenantIds === 'all' ? [] : tenantIds,
      });
    },
    count: async (table: string) =>
      ((await database.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!).n,
    close: () => database.drop(),
  };
}

export type TestDesk = Awaited<ReturnType<typeof createTestDesk>>;
