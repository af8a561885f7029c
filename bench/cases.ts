// Creates cases through the HTTP API with concurrency, on PGlite and on PostgreSQL, and prints
// cases/s and latency percentiles. The server runs in its own process, as in production.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseArgs } from 'node:util';
import http from 'node:http';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
    database: { type: 'string', default: 'both' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function cli(env: Record<string, string>, args: string[]): string {
  const result = spawnSync(process.execPath, ['bin/centralita.js', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`centralita ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []), '--import', 'tsx', 'src/server/main.ts'], {
    // The phone line binds too: keep it off the HTTP address so the port found is the HTTP one.
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', SIP_HOST: '127.0.0.2', SIP_PORT: '0', RTP_PORTS: '32000-32099', LOG_LEVEL: 'warn', DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const poll = setInterval(() => undefined, 1000);
    child.stdout!.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    // The server logs at warn level here, so find the port by asking the OS through /healthz probing.
    const started = Date.now();
    const tryPorts = async () => {
      const ss = spawnSync('ss', ['-ltnpH'], { encoding: 'utf8' }).stdout;
      const match = ss
        .split('\n')
        .filter((l) => l.includes(`pid=${child.pid},`))
        .map((l) => /127\.0\.0\.1:(\d+)/.exec(l))
        .find(Boolean);
      if (match) {
        clearInterval(poll);
        resolve(Number(match[1]));
      } else if (Date.now() - started > 30_000) reject(new Error(`server did not listen: ${out}`));
      else setTimeout(tryPorts, 200);
    };
    void tryPorts();
  });
  return { port, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

// node:http with a keep-alive agent costs the load generator far less CPU than fetch, leaving
// more of this 2-core machine to the server being measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function post(port: number, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/cases', method: 'POST', agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function drive(port: number, token: string, tenantId: string, count: number, offset: number) {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const body = JSON.stringify({
        tenantId, callerPhone: `+3461${String(offset + i).padStart(7, '0')}`, channel: 'api',
        intake: { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' },
      });
      const t0 = performance.now();
      const status = await post(port, token, body);
      latencies.push(performance.now() - t0);
      if (status !== 201) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

async function run(kind: 'pglite' | 'postgres') {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'centralita-bench-'));
    env = { DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `centralita_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    cli({ ...env, DEMO_PASSWORD: 'bench-password-1' }, ['seed-demo']);
    const token = cli(env, ['token', 'create', '--role', 'operator', '--tenant', 'MARTINEZ', '--name', 'bench']);
    const server = await startServer(env);
    try {
      const tenants = await (await fetch(`http://127.0.0.1:${server.port}/api/v1/tenants`, { headers: { authorization: `Bearer ${token}` } })).json() as { items: { id: string }[] };
      const tenantId = tenants.items[0]!.id;
      await drive(server.port, token, tenantId, Math.min(500, total), 0);
      const result = await drive(server.port, token, tenantId, total, 1_000_000);
      console.log(
        `${kind.padEnd(8)} ${total} cases, concurrency ${concurrency}: ${result.rate.toFixed(0)} cases/s, ` +
          `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, failed ${result.failures}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

const kinds = values.database === 'both' ? (['pglite', 'postgres'] as const) : [values.database as 'pglite' | 'postgres'];
for (const kind of kinds) await run(kind);
