// Runs SIPp for bench:sip and reads back what it wrote: the periodic statistics CSV (calls,
// current calls), the per-call response times (-trace_rtt) and the unexpected-message log.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SippRun {
  scenarioFile: string;
  /** Working directory: SIPp writes its CSV and log files here. */
  dir: string;
  target: string;
  service: string;
  localPort: number;
  mediaPort: number;
  concurrency: number;
  rate: number;
  calls: number;
  timeoutSeconds: number;
}

export interface SippResult {
  /** SIPp's exit status: 0 all calls ok, 1 some failed, anything else means it did not really run. */
  code: number | null;
  successful: number;
  failed: number;
  created: number;
  peakCurrent: number;
  /** Per-call INVITE→200 times, in ms, in the order the calls were answered, with when each was taken. */
  answers: Array<{ atMs: number; ms: number }>;
  errorsTail: string;
  outputTail: string;
  /** Failed calls broken down by SIPp's reason columns, only the non-zero ones. */
  failureReasons: Record<string, number>;
}

const tail = (text: string, lines: number) => text.trimEnd().split('\n').slice(-lines).join('\n');

function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...rows] = text.trim().split('\n').filter((l) => l.trim() !== '');
  if (!head) return [];
  const names = head.split(';');
  return rows.map((row) => Object.fromEntries(row.split(';').map((value, i) => [names[i] ?? String(i), value])));
}

function findFile(dir: string, suffix: string): string | undefined {
  const name = readdirSync(dir).find((f) => f.endsWith(suffix));
  return name ? join(dir, name) : undefined;
}

/** SIPp's rtt file: `Date_ms;response_time_ms;rtd_no` with a row per call when -rtt_freq is 1. */
function readAnswers(dir: string): SippResult['answers'] {
  const file = findFile(dir, '_rtt.csv');
  if (!file) return [];
  return parseCsv(readFileSync(file, 'utf8'))
    .map((row) => ({ atMs: Number(row['Date_ms']), ms: Number(row['response_time_ms']) }))
    .filter((a) => Number.isFinite(a.atMs) && Number.isFinite(a.ms));
}

export async function runSipp(run: SippRun, onStart?: (pid: number) => void): Promise<SippResult> {
  const statFile = join(run.dir, 'stat.csv');
  const errorFile = join(run.dir, 'errors.log');
  const args = [
    '-sf', run.scenarioFile, run.target, '-s', run.service,
    '-i', '127.0.0.1', '-p', String(run.localPort), '-mp', String(run.mediaPort),
    '-l', String(run.concurrency), '-r', String(run.rate), '-m', String(run.calls),
    '-nostdin', '-timeout', `${run.timeoutSeconds}s`, '-timeout_error',
    '-trace_stat', '-stf', statFile, '-fd', '1',
    '-trace_rtt', '-rtt_freq', '1',
    '-trace_err', '-error_file', errorFile,
  ];
  const child = spawn('sipp', args, { cwd: run.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Only the end of SIPp's screen is ever shown; the whole run's screens would be megabytes.
    output = (output + chunk.toString()).slice(-64_000);
  };
  if (child.pid !== undefined) onStart?.(child.pid);
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // SIPp's own -timeout should end it; this is the backstop if SIPp itself hangs.
  const killer = setTimeout(() => child.kill('SIGKILL'), (run.timeoutSeconds + 30) * 1000);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  clearTimeout(killer);

  const stats = existsSync(statFile) ? parseCsv(readFileSync(statFile, 'utf8')) : [];
  const last = stats.at(-1) ?? {};
  const count = (row: Record<string, string>, name: string) => Number(row[name] ?? 0) || 0;
  const failureReasons: Record<string, number> = {};
  for (const [name, value] of Object.entries(last)) {
    if (name.startsWith('Failed') && name.endsWith('(C)') && name !== 'FailedCall(C)' && Number(value) > 0) {
      failureReasons[name.slice(6, -3)] = Number(value);
    }
  }
  return {
    code,
    successful: count(last, 'SuccessfulCall(C)'),
    failed: count(last, 'FailedCall(C)'),
    created: count(last, 'TotalCallCreated'),
    peakCurrent: Math.max(0, ...stats.map((row) => count(row, 'CurrentCall'))),
    answers: readAnswers(run.dir),
    errorsTail: existsSync(errorFile) ? tail(readFileSync(errorFile, 'utf8'), 40) : '',
    // SIPp paints its screen with ANSI escape sequences.
    outputTail: tail(output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''), 40),
    failureReasons,
  };
}
