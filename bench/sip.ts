// bench:sip — concurrent IVR calls from SIPp against the desk's native SIP line, on loopback.
// The desk runs in its own process; an RTP receiver in another process stands in for every
// caller's media and measures the desk's packet timing (sip-rtp-receiver.ts); SIPp drives the
// calls (sip-scenario.ts). Calls ok/failed and peak concurrency come from SIPp's statistics CSV,
// INVITE→200 from its per-call rtt trace, CPU from /proc, averaged over the seconds when at least
// 90% of the peak number of media streams were flowing.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSeconds, createThrowawayDatabase, freePort, machineBusySeconds, startBenchDesk, type BenchDesk } from './sip-desk.ts';
import { newestProfile, summariseProfile } from './sip-profile.ts';
import type { ReceiverMessage, ReceiverReport } from './sip-rtp-receiver.ts';
import { buildBenchScenario, scriptedCallSeconds } from './sip-scenario.ts';
import { runSipp, type SippResult } from './sip-sipp.ts';

const LINE = '+34900100200';
/** The desk rings this long before answering (phone-line.ts answerDelayMs); it is part of INVITE→200. */
const RING_MS = 400;

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '300' },
    rate: { type: 'string', default: '30' },
    calls: { type: 'string' },
    // Seconds of silence after the digits. The demo flow re-prompts, then records a voicemail and hangs up
    // itself after two to three minutes: a longer hold shows up as failed calls (an unexpected BYE).
    hold: { type: 'string', default: '20' },
    profile: { type: 'string' },
    // Without the warm-up call the first calls also pay for rendering every prompt with eSpeak.
    cold: { type: 'boolean', default: false },
    // Per-second packets, late packets and calls starting/ending, to see when lateness happens.
    timeline: { type: 'boolean', default: false },
    // pglite (in the desk's process, the default install) or postgres (a throwaway database on
    // BENCH_DATABASE_URL / TEST_DATABASE_URL's server), to see what the in-process database costs the media.
    database: { type: 'string', default: 'pglite' },
  },
});
const positive = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${String(text)}`);
  return value;
};
const concurrency = Math.round(positive('concurrency', values.concurrency));
const rate = positive('rate', values.rate);
const calls = Math.round(positive('calls', values.calls ?? String(concurrency * 2)));
const hold = positive('hold', values.hold);
if (values.database !== 'pglite' && values.database !== 'postgres') throw new Error(`--database must be pglite or postgres, got ${values.database}`);
const postgresServer = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL('./sip-rtp-receiver.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the RTP receiver exited with ${String(code)}`)));
    child.on('message', (message: ReceiverMessage) => {
      if (message.type === 'ready') resolve({ child, port: message.port });
    });
  });
}

function receiverReport(child: ChildProcess): Promise<ReceiverReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the RTP receiver did not report')), 30_000);
    child.on('message', (message: ReceiverMessage) => {
      if (message.type !== 'report') return;
      clearTimeout(timer);
      resolve(message.report);
    });
    child.send({ type: 'report' });
  });
}

interface Sample {
  atMs: number;
  activeStreams: number;
  desk?: number;
  sipp?: number;
  receiver?: number;
  machine?: number;
}

/** CPU% of one core between consecutive samples where the calls were all up (≥ 90% of the peak streams). */
function steadyCpu(samples: Sample[], key: 'desk' | 'sipp' | 'receiver' | 'machine'): { percent: number; seconds: number } {
  const peak = Math.max(0, ...samples.map((s) => s.activeStreams));
  let cpu = 0;
  let wall = 0;
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1]!, samples[i]!];
    if (a.activeStreams < 0.9 * peak || b.activeStreams < 0.9 * peak || a[key] === undefined || b[key] === undefined) continue;
    cpu += b[key]! - a[key]!;
    wall += (b.atMs - a.atMs) / 1000;
  }
  return { percent: wall > 0 ? (100 * cpu) / wall : 0, seconds: wall };
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'centralita-bench-sip-'));
  const dataDir = join(work, 'data');
  const logFile = join(work, 'desk.log');
  const callSeconds = scriptedCallSeconds(hold);
  let desk: BenchDesk | undefined;
  let receiver: ChildProcess | undefined;
  let keepWork = false;
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  try {
    const started = await startReceiver();
    receiver = started.child;
    if (values.database === 'postgres') database = await createThrowawayDatabase(postgresServer);
    desk = await startBenchDesk({
      dataDir, logFile, profileDir: values.profile, databaseUrl: database?.url,
      // The scenario sends no RTP at all (see sip-scenario.ts): the media timeout must outlast the call.
      rtpTimeoutSeconds: Math.min(3600, Math.ceil(callSeconds) + 120),
    });
    const scenario = buildBenchScenario({ mediaAddress: '127.0.0.1', mediaPort: started.port, holdSeconds: hold });
    const sippRun = async (name: string, load: { concurrency: number; rate: number; calls: number }, onStart?: (pid: number) => void) => {
      const dir = join(work, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'caller.xml'), scenario);
      const waves = Math.ceil(load.calls / load.concurrency);
      const expected = Math.max(load.calls / load.rate, waves * (callSeconds + 1)) + callSeconds;
      return runSipp({
        ...load, scenarioFile: join(dir, 'caller.xml'), dir, target: `127.0.0.1:${desk!.sipPort}`, service: LINE,
        localPort: await freePort(), mediaPort: await freePort(), timeoutSeconds: Math.ceil(expected * 1.5 + 60),
      }, onStart);
    };

    if (!values.cold) {
      const warm = await sippRun('warmup', { concurrency: 1, rate: 1, calls: 1 });
      if (warm.code !== 0 && warm.code !== 1) {
        console.error(`SIPp did not run (exit ${String(warm.code)}):\n${warm.outputTail}\n${warm.errorsTail}`);
        keepWork = true;
        return 1;
      }
      console.log(`warm-up call: ${warm.successful === 1 ? 'ok' : `FAILED (SIPp exit ${String(warm.code)})`} (prompts rendered and cached before the ramp)`);
      started.child.send({ type: 'reset' });
    }

    const samples: Sample[] = [];
    let activeStreams = 0;
    let sippPid: number | undefined;
    receiver.on('message', (message: ReceiverMessage) => {
      if (message.type === 'sample') activeStreams = message.activeStreams;
    });
    const deskPid = desk.pid;
    const receiverPid = receiver.pid!;
    const sampler = setInterval(() => {
      samples.push({
        atMs: performance.now(), activeStreams, desk: cpuSeconds(deskPid),
        sipp: sippPid === undefined ? undefined : cpuSeconds(sippPid), receiver: cpuSeconds(receiverPid), machine: machineBusySeconds(),
      });
    }, 1000);
    console.log(`running ${fmt(calls)} calls, up to ${concurrency} at once, ${rate}/s, each ~${callSeconds.toFixed(1)} s …`);
    const runStarted = performance.now();
    const result: SippResult = await sippRun('load', { concurrency, rate, calls }, (pid) => (sippPid = pid));
    const runSeconds = (performance.now() - runStarted) / 1000;
    clearInterval(sampler);
    const media = await receiverReport(receiver);
    receiver = undefined;

    if (result.code === null || (result.code !== 0 && result.code !== 1) || result.created === 0) {
      console.error(`SIPp did not run (exit ${String(result.code)}):\n${result.outputTail}\n${result.errorsTail}`);
      keepWork = true;
      return 1;
    }

    const answers = [...result.answers].sort((a, b) => a.atMs - b.atMs);
    const rampAnswers = answers.slice(0, Math.min(concurrency, answers.length));
    const rampSpan = rampAnswers.length > 1 ? (rampAnswers.at(-1)!.atMs - rampAnswers[0]!.atMs) / 1000 : 0;
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    const deskCpu = steadyCpu(samples, 'desk');
    const sippCpu = steadyCpu(samples, 'sipp');
    const receiverCpu = steadyCpu(samples, 'receiver');
    const machineCpu = steadyCpu(samples, 'machine');
    // Whatever else runs on the machine (other tests, builds) competes for the same cores and shows up as lateness.
    const elsewhere = Math.max(0, machineCpu.percent - deskCpu.percent - sippCpu.percent - receiverCpu.percent);
    const intervals = Math.max(1, media.packets - media.streams);
    const share = (late: number, of: number) => `${fmt((100 * late) / Math.max(1, of), 2)}%`;

    console.log(`
bench:sip  ${concurrency} concurrent IVR calls (rate ${rate}/s, hold ${hold} s, ${fmt(calls)} calls, ${values.database})
  calls: ${fmt(result.successful)} ok, ${fmt(result.failed)} failed; peak concurrent ${result.peakCurrent} (SIPp), ${media.peakStreams} with media flowing; ${rampSpan > 0 ? fmt((rampAnswers.length - 1) / rampSpan, 1) : '–'} calls/s over the ramp; the run took ${fmt(runSeconds)} s
  INVITE→200: p50 ${fmt(percentile(times, 0.5))} ms, p99 ${fmt(percentile(times, 0.99))} ms, max ${fmt(times.at(-1) ?? 0)} ms (includes the desk's ${RING_MS} ms ring)
  desk RTP: ${fmt(media.packets)} packets in ${fmt(media.streams)} streams; interval p50 ${fmt(media.intervalP50Ms, 1)} ms, p99 ${fmt(media.intervalP99Ms, 1)} ms, max ${fmt(media.intervalMaxMs, 1)} ms; late >5 ms: ${share(media.latePackets, intervals)}
    late >5 ms: ${share(media.steady.latePackets, media.steady.packets)} while no call started or ended (${media.steady.seconds} s), ${share(media.churn.latePackets, media.churn.packets)} while calls were set up or torn down (${media.churn.seconds} s); lateness p99 ${fmt(media.latenessP99Ms, 1)} ms
    ${fmt(media.lostPackets)} lost in transit; ${fmt(media.skippedFrames)} frames skipped by the desk's scheduler after stalls; the receiver's own loop delay p99 ${fmt(media.receiverLoopDelayP99Ms, 1)} ms, max ${fmt(media.receiverLoopDelayMaxMs, 1)} ms
  desk CPU: ${fmt(deskCpu.percent, 1)}% of one core (with ≥90% of the calls up, ${fmt(deskCpu.seconds)} s); SIPp ${fmt(sippCpu.percent, 1)}%, RTP receiver ${fmt(receiverCpu.percent, 1)}%; everything else on the machine ${fmt(elsewhere, 1)}% (${availableParallelism()} cores in all)`);

    if (elsewhere > 20) {
      console.log(`  NOTE: other processes used ${fmt(elsewhere)}% of a core meanwhile; lateness figures are disturbed by them.`);
    }
    if (values.timeline) {
      console.log('\n  second  packets  late>5ms  max late ms  calls started  ended');
      for (const t of media.timeline) {
        console.log(`  ${String(t.second).padStart(6)} ${String(t.packets).padStart(8)} ${String(t.latePackets).padStart(9)} ${t.maxLatenessMs.toFixed(1).padStart(12)} ${String(t.started).padStart(14)} ${String(t.ended).padStart(6)}`);
      }
    }
    const problems = desk.problemLines(15);
    if (result.failed > 0 || result.successful < calls) {
      keepWork = true;
      console.log(`\nFAILED calls by reason: ${JSON.stringify(result.failureReasons)}`);
      if (result.errorsTail) console.log(`SIPp unexpected messages (last lines):\n${result.errorsTail}`);
      console.log(`SIPp screen (last lines):\n${result.outputTail}`);
    }
    if (problems.length > 0) console.log(`\ndesk warnings/errors (last ${problems.length}):\n${problems.join('\n')}`);
    if (keepWork) console.log(`\nlogs kept in ${work}`);
    return 0;
  } finally {
    if (receiver?.connected) receiver.kill();
    await desk?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    if (!keepWork) rmSync(work, { recursive: true, force: true });
    if (values.profile) {
      const profile = newestProfile(values.profile);
      if (profile) console.log(`\n${summariseProfile(profile)}`);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:sip failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
