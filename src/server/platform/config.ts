import { z } from 'zod';

const ZPortRange = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, 'expected a range such as 20000-20999')
  .transform((value, ctx) => {
    const [low, high] = value.split('-').map(Number) as [number, number];
    if (low < 1024 || high > 65535 || low >= high) {
      ctx.addIssue({ code: 'custom', message: 'ports must be within 1024-65535 and low < high' });
      return z.NEVER;
    }
    return { low, high };
  });

const ZFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const ZEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  SIP_HOST: z.string().min(1).default('0.0.0.0'),
  SIP_PORT: z.coerce.number().int().min(0).max(65535).default(5060),
  RTP_PORTS: ZPortRange.default({ low: 20000, high: 20999 }),
  RTP_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  DEMO: ZFlag.default(true),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SECURE_COOKIES: ZFlag.optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_TLS: z.enum(['none', 'starttls', 'implicit']).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMS_API_URL: z.string().url().optional(),
  SMS_ACCOUNT_SID: z.string().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z.string().min(1).optional(),
  WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  OSRM_URL: z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL').optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicHost: string | undefined;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly sipHost: string;
  readonly sipPort: number;
  readonly rtpPorts: { readonly low: number; readonly high: number };
  readonly rtpTimeoutSeconds: number;
  readonly demo: boolean;
  readonly demoPassword: string | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly secureCookies: boolean;
  /** Bearer token for GET /metrics; unset serves metrics to loopback scrapers only. */
  readonly metricsToken: string | undefined;
  /** Where links in messages point (offers, sign-in, status): PUBLIC_HOST, else this machine. */
  readonly publicUrl: string;
  /** An OSRM server for road travel times in dispatch; great-circle distance without one. */
  readonly osrmUrl: string | undefined;
  /** Provider settings as given; the notifications feature validates them in full at start. */
  readonly notifications: {
    email?: { host: string; port?: number; tls?: string; from?: string; user?: string; password?: string };
    sms?: { baseUrl?: string; accountSid?: string; authToken?: string; from?: string };
    webhook?: { secret: string };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads every variable at once so that all mistakes are reported together. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(ZEnvironment.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = ZEnvironment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicHost: e.PUBLIC_HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    sipHost: e.SIP_HOST,
    sipPort: e.SIP_PORT,
    rtpPorts: Object.freeze(e.RTP_PORTS),
    rtpTimeoutSeconds: e.RTP_TIMEOUT_SECONDS,
    demo: e.DEMO,
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.SECURE_COOKIES ?? (e.PUBLIC_HOST?.startsWith('https://') ?? false),
    metricsToken: e.METRICS_TOKEN,
    publicUrl: publicUrlOf(e.PUBLIC_HOST, e.PORT),
    osrmUrl: e.OSRM_URL?.replace(/\/+$/, ''),
    notifications: Object.freeze({
      ...(e.SMTP_HOST
        ? { email: { host: e.SMTP_HOST, port: e.SMTP_PORT, tls: e.SMTP_TLS, from: e.SMTP_FROM, user: e.SMTP_USER, password: e.SMTP_PASSWORD } }
        : {}),
      ...(e.SMS_ACCOUNT_SID
        ? { sms: { baseUrl: e.SMS_API_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM } }
        : {}),
      ...(e.WEBHOOK_SECRET ? { webhook: { secret: e.WEBHOOK_SECRET } } : {}),
    }),
  });
}

/** PUBLIC_HOST may be a bare host name or a full origin; links need an origin. */
function publicUrlOf(publicHost: string | undefined, port: number): string {
  if (!publicHost) return `http://localhost:${port}`;
  return /^https?:\/\//.test(publicHost) ? publicHost.replace(/\/+$/, '') : `http://${publicHost}${port === 80 ? '' : `:${port}`}`;
}
