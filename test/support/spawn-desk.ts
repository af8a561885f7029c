import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedDesk {
  baseUrl: string;
  port: number;
  sipPort: number;
  stderr: () => string;
  stdout: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

let rangeSeq = 0;
/** Each spawned desk gets its own media ports, so test files running side by side never collide. */
function freeRtpRange(): string {
  const base = 30000 + ((process.pid * 7 + rangeSeq++ * 211) % 300) * 100;
  return `${base}-${base + 99}`;
}

/** Starts the real server process, exactly as `npm start` does after the web build. */
export async function spawnDesk(env: Record<string, string>, timeoutMs = 120_000): Promise<SpawnedDesk> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', SIP_HOST: '127.0.0.1', SIP_PORT: '0',
      RTP_PORTS: freeRtpRange(), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desk did not start in ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /"msg":"http listening","port":(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the desk exited with ${code}:\n${out}\n${err}`));
    });
  });
  const sipPort = Number(/"msg":"sip listening".*?"udpPort":(\d+)/.exec(out)?.[1] ?? 0);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    sipPort,
    stderr: () => err,
    stdout: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
