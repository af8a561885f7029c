// The desk under test for bench:sip, in its own process as in production, plus the probes the
// bench needs around it: free ports, SIP readiness, CPU time from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../', import.meta.url));
const clockTicksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A UDP port that is free now, and whose TCP twin is too (the desk listens for SIP on both). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const port = udp.address().port;
    const tcp = createServer();
    const tcpFree = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    udp.close();
    if (tcpFree) {
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      return port;
    }
  }
  throw new Error('no free port found on 127.0.0.1');
}

/** Seconds of CPU (user + system, all threads) a process has used so far; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in field 2 may contain spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** CPU seconds all processes on the machine have used (every core), from /proc/stat: shows load from outside the bench. */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** Sends SIP OPTIONS until the desk answers: its logs are at warn level, so they do not announce the port. */
async function waitForSip(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  const answered = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the desk exited with ${String(code)} before answering SIP`);
  });
  const started = Date.now();
  let done = false;
  const probe = async () => {
    for (let seq = 1; !done; seq++) {
      if (Date.now() - started > timeoutMs) throw new Error(`the desk did not answer SIP OPTIONS in ${timeoutMs} ms`);
      const request = [
        `OPTIONS sip:probe@127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bKbench${Date.now()}${seq}`,
        `From: <sip:bench@127.0.0.1:${local}>;tag=bench${seq}`,
        `To: <sip:probe@127.0.0.1:${port}>`,
        `Call-ID: bench-probe-${process.pid}-${seq}`,
        `CSeq: ${seq} OPTIONS`,
        'Max-Forwards: 70',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  try {
    await Promise.race([answered, exited, probe()]);
  } finally {
    done = true;
    socket.close();
  }
}

export interface BenchDesk {
  pid: number;
  sipPort: number;
  /** The last lines of the desk's log that are warnings or errors, or anything on stderr. */
  problemLines(limit: number): string[];
  stop(): Promise<void>;
}

/**
 * A throwaway database on a PostgreSQL server (never the server's own test database, which tests share),
 * so the desk's queries run outside its process; dropped again by `drop`.
 */
export async function createThrowawayDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `centralita_bench_sip_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function startBenchDesk(options: {
  dataDir: string;
  logFile: string;
  rtpTimeoutSeconds: number;
  profileDir?: string;
  databaseUrl?: string;
}): Promise<BenchDesk> {
  const sipPort = await freePort();
  const log = createWriteStream(options.logFile);
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '',
      DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1', SIP_HOST: '127.0.0.1', SIP_PORT: String(sipPort),
      RTP_PORTS: '20000-21999', RTP_TIMEOUT_SECONDS: String(options.rtpTimeoutSeconds),
      DEMO_PASSWORD: 'bench-sip-password', LOG_LEVEL: 'warn',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.on('data', (chunk: Buffer) => log.write(`[stderr] ${chunk.toString()}`));
  await waitForSip(sipPort, child, 60_000);
  return {
    pid: child.pid!,
    sipPort,
    problemLines(limit) {
      const lines = readFileSync(options.logFile, 'utf8').split('\n');
      return lines.filter((l) => l.startsWith('[stderr]') || /"level":"(warn|error)"/.test(l)).slice(-limit);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM lets the desk close its calls and, with --cpu-prof, write the profile on exit.
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await once(child, 'exit');
        clearTimeout(killer);
      }
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}
