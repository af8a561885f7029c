// bench:acd — callers queued for operators, on loopback with real SIP peers. SIPp callers dial the
// demo line and press 0 (the IVR hands them to the `default` queue); loopback SIP phones
// (acd-agent.ts) registered as operators' extensions ring, answer, talk briefly and hang up; each
// operator's console stream (Server-Sent Events) is open. Printed: how long after a call could be
// offered (it was queued and an operator was free) the operator's phone received the INVITE, and
// when the screen pop arrived on the operator's stream, p50/p99. `BENCH_CPU_PROF=<dir>` writes the
// desk's CPU profile (main thread and workers) there, to see where the time goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createUser } from '../src/server/auth/manage-users.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { openPgliteDatabase } from '../src/server/platform/db/pglite-database.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { saveSipAccount } from '../src/server/registrar/manage-sip-accounts.ts';
import { createServices } from '../src/server/services.ts';
import { answerBye } from '../test/support/sipp.ts';
import { startBenchAgent, type BenchAgent } from './acd-agent.ts';
import { freePort } from './sip-desk.ts';
import { runSipp } from './sip-sipp.ts';

const { values } = parseArgs({
  options: {
    callers: { type: 'string', default: '200' },
    agents: { type: 'string', default: '50' },
    rate: { type: 'string', default: '20' },
    talk: { type: 'string', default: '1500' },
  },
});
const callers = Number(values.callers);
const agentCount = Number(values.agents);
const password = 'bench-acd-password';
const root = fileURLToPath(new URL('../', import.meta.url));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

/** Demo desk plus `agentCount` operators with extensions 2000…, seeded before the desk starts. */
async function seed(dataDir: string): Promise<string[]> {
  const db = await openPgliteDatabase(join(dataDir, 'pglite'));
  await migrate(db);
  const services = await createServices(db, { log: createLogger('silent'), clock: systemClock, secureCookies: false });
  await seedDemo(services, { password });
  const [tenant] = await services.tenants.listTenants(null);
  await db.query(`update queues set wrap_up_seconds = 0, callback_after_seconds = null where name = 'default'`);
  const extensions: string[] = [];
  for (let i = 0; i < agentCount; i++) {
    const user = await createUser(services, 'system', { email: `agent${i}@bench.local`, name: `Agent ${i}`, password, role: 'operator', tenantIds: [tenant!.id] });
    await saveSipAccount(services, { userId: user.id, extension: String(2000 + i), password });
    extensions.push(String(2000 + i));
  }
  await db.close();
  return extensions;
}

function callerScenario(): string {
  const from = '"Caller" <sip:+3461[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]';
  const inDialog = (method: string, cseq: number, extra: string[] = [], body = '') => `  <send${method === 'ACK' ? '' : ' retrans="500"'}>
    <![CDATA[
      ${method} [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: <sip:caller@[local_ip]:[local_port]>
      Max-Forwards: 70
${extra.map((l) => `      ${l}`).join('\n')}
      Content-Length: ${body ? '[len]' : '0'}

${body}
    ]]>
  </send>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="centralita bench:acd caller">
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:caller@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP4 127.0.0.1
      s=-
      c=IN IP4 127.0.0.1
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true"/>
${inDialog('ACK', 1)}
  <pause milliseconds="1500"/>
${inDialog('INFO', 2, ['Content-Type: application/dtmf-relay'], 'Signal=0\nDuration=160\n')}
  <recv response="200"/>
  <recv request="BYE" timeout="300000"/>
${answerBye}
</scenario>
`;
}

async function startDesk(dataDir: string, port: number, sipPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []), '--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1',
      SIP_HOST: '127.0.0.1', SIP_PORT: String(sipPort), RTP_PORTS: '22000-23999', RTP_TIMEOUT_SECONDS: '600', DEMO_PASSWORD: password, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (const until = Date.now() + 600_000; Date.now() < until;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`the desk exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the desk did not start');
}

async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`${email}: sign-in ${res.status}`);
  const body = (await res.json()) as { csrfToken: string; user?: { id: string } };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

/** Opens the operator's live stream and notes when each `offer` arrives. */
async function openStream(base: string, cookie: string, offers: number[]): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/operators/events`, { headers: { cookie }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) if (/^event: offer$/m.test(block)) offers.push(Date.now());
    }
  })();
  return abort;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-bench-acd-'));
  let desk: ChildProcess | undefined;
  const agents: BenchAgent[] = [];
  const streams: AbortController[] = [];
  try {
    console.log(`seeding the demo desk and ${agentCount} operators…`);
    const extensions = await seed(dataDir);
    const [port, sipPort] = [await freePort(), await freePort()];
    desk = await startDesk(dataDir, port, sipPort);
    const base = `http://127.0.0.1:${port}`;
    const offers = new Map<string, number[]>();
    for (const [i, extension] of extensions.entries()) {
      const agent = await startBenchAgent({ extension, password, desk: { host: '127.0.0.1', port: sipPort }, answerAfterMs: 300, talkMs: Number(values.talk) });
      await agent.register();
      agents.push(agent);
      const session = await signIn(base, `agent${i}@bench.local`);
      const arrived: number[] = [];
      offers.set(extension, arrived);
      streams.push(await openStream(base, session.cookie, arrived));
      const res = await fetch(`${base}/api/v1/operators/me/state`, {
        method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: '{"state":"available"}',
      });
      if (res.status !== 204) throw new Error(`agent ${extension} not available: ${res.status}`);
    }
    console.log(`${agents.length} operators registered, signed in and available; ${callers} callers at ${values.rate}/s…`);

    const sippDir = mkdtempSync(join(tmpdir(), 'centralita-bench-acd-sipp-'));
    writeFileSync(join(sippDir, 'caller.xml'), callerScenario());
    const result = await runSipp({
      scenarioFile: join(sippDir, 'caller.xml'), dir: sippDir, target: `127.0.0.1:${sipPort}`, service: '+34900100200',
      localPort: await freePort(), mediaPort: await freePort(), concurrency: callers, rate: Number(values.rate), calls: callers, timeoutSeconds: 900,
    });
    console.log(`SIPp: ${result.successful} calls completed, ${result.failed} failed, peak ${result.peakCurrent} at once`);
    if (result.failed > 0) console.log(`SIPp failures: ${JSON.stringify(result.failureReasons)}\n${result.errorsTail.split('\n').slice(-6).join('\n')}`);
    for (const stream of streams) stream.abort();
    desk.kill('SIGTERM');
    await once(desk, 'exit');
    desk = undefined;

    // Which queued call each ring was, and when it could first be offered, from the desk's own log of facts.
    const db = await openPgliteDatabase(join(dataDir, 'pglite'));
    const rows = await db.query<{ extension: string; state: string; reason: string; at: Date; enqueuedAt: Date | null }>(
      `select a.extension, c.state, c.reason, c.at, q.enqueued_at as "enqueuedAt" from agent_state_changes c
       join sip_accounts a on a.user_id = c.user_id
       left join queue_calls q on c.state = 'ringing' and q.id::text = substring(c.reason from 7)
       order by c.at, c.id`,
    );
    const waited = await db.query<{ n: number; max: number }>(`select count(*)::int as n, coalesce(max(wait_seconds), 0)::float as max from queue_calls`);
    await db.close();
    const ringLatency: number[] = [];
    const popLatency: number[] = [];
    for (const agent of agents) {
      let freeSince = 0;
      let ring = 0;
      for (const row of rows.filter((r) => r.extension === agent.extension)) {
        if (row.state === 'available') freeSince = row.at.getTime();
        if (row.state !== 'ringing' || !row.enqueuedAt) continue;
        const offerable = Math.max(freeSince, row.enqueuedAt.getTime());
        const invite = agent.invites[ring];
        const pop = offers.get(agent.extension)![ring];
        ring += 1;
        if (invite !== undefined) ringLatency.push(invite - offerable);
        if (pop !== undefined) popLatency.push(pop - offerable);
      }
    }
    const show = (name: string, list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      console.log(`${name.padEnd(44)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 0.5).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 0.99).toFixed(0).padStart(5)} ms  max ${(sorted.at(-1) ?? NaN).toFixed(0).padStart(5)} ms`);
    };
    console.log(`\n${waited[0]!.n} stays queued; longest wait ${waited[0]!.max.toFixed(1)} s; target p99 < 200 ms`);
    show('queued (operator free) → phone INVITE', ringLatency);
    show('queued (operator free) → screen pop (SSE)', popLatency);
    rmSync(sippDir, { recursive: true, force: true });
  } finally {
    for (const stream of streams) stream.abort();
    for (const agent of agents) agent.close();
    if (desk) {
      desk.kill('SIGTERM');
      await once(desk, 'exit');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
