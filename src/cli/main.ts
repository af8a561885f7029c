import { parseArgs } from 'node:util';
import { createApiToken, createUser } from '../server/auth/manage-users.ts';
import { seedDemo } from '../server/demo/seed-demo.ts';
import { systemClock } from '../server/platform/clock.ts';
import { ConfigError, parseConfig } from '../server/platform/config.ts';
import { chooseDatabase, openDatabase } from '../server/platform/db/open-database.ts';
import { migrate } from '../server/platform/db/migrate.ts';
import { AppError } from '../server/platform/errors.ts';
import { createLogger } from '../server/platform/logger.ts';
import { createServices, type Services } from '../server/services.ts';
import { ZRole } from '../shared/common.ts';

const usage = `usage: centralita <command>
  migrate                                     apply pending database migrations
  seed-demo                                   seed the demo desk into an empty database
  user create --email E --name N --role R [--tenant ID|CODE]... [--all-tenants]
                                              password read from standard input, else generated and printed
  token create --role R [--name N] [--tenant ID|CODE]... [--all-tenants]
                                              prints only the new token (an admin token with no tenant is desk-wide)
The database is chosen like the server's: DATABASE_URL, else the embedded one in DATA_DIR.`;

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text || undefined;
}

async function tenantIds(services: Services, refs: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const tenant = /^[0-9a-f-]{36}$/i.test(ref) ? await services.tenants.findTenant(ref) : await services.tenants.findTenantByBillingCode(ref);
    if (!tenant) throw new AppError('not_found', `tenant ${ref} not found`);
    ids.push(tenant.id);
  }
  return ids;
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      tenant: { type: 'string', multiple: true },
      'all-tenants': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !['migrate', 'seed-demo', 'user create', 'token create'].includes(command)) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const config = parseConfig(process.env);
  const log = createLogger('silent');
  const db = await openDatabase(chooseDatabase(config));
  try {
    const applied = await migrate(db);
    if (command === 'migrate') {
      process.stderr.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n');
      return 0;
    }
    const services = await createServices(db, { log, clock: systemClock, secureCookies: config.secureCookies });
    if (command === 'seed-demo') {
      const result = await seedDemo(services, { password: config.demoPassword });
      if (!result.seeded) process.stderr.write('the database already has tenants; nothing seeded\n');
      else if (result.passwordGenerated) process.stderr.write(`demo desk seeded; password for every demo account: ${result.password}\n`);
      else process.stderr.write('demo desk seeded with DEMO_PASSWORD\n');
      return 0;
    }
    const role = ZRole.parse(values.role);
    const tenants = await tenantIds(services, values.tenant ?? []);
    const allTenants = values['all-tenants'] ?? (role === 'admin' && tenants.length === 0);
    if (command === 'user create') {
      const given = await readStdin();
      const password = given ?? crypto.randomUUID();
      const user = await createUser(services, 'system', {
        email: values.email ?? '', name: values.name ?? values.email ?? '', password, role, allTenants, tenantIds: tenants,
      });
      process.stdout.write(`${user.id}\n`);
      if (!given) process.stderr.write(`generated password: ${password}\n`);
      return 0;
    }
    const token = await createApiToken(services, 'system', { name: values.name ?? `${role} token`, role, allTenants, tenantIds: tenants });
    process.stdout.write(`${token.token}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) {
      const fields = error.fields.map((f) => `\n  ${f.path}: ${f.message}`).join('');
      process.stderr.write(`centralita: ${error.message}${fields}\n`);
    } else if (error instanceof ConfigError) {
      process.stderr.write(`centralita: ${error.message}\n`);
    } else if (error && typeof error === 'object' && 'issues' in error) {
      process.stderr.write(`centralita: --role must be one of admin, manager, operator, technician\n`);
    } else {
      process.stderr.write(`centralita: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  },
);
