// Load check, not a test: N RTP sessions on loopback, driven by one media scheduler, each playing hold music
// to its own peer socket for a few seconds. The peers live in a child process (so their work does not disturb
// the process under test) and echo every packet back, so each session also receives, decodes and runs in-band
// DTMF detection like a real call leg. Timing is measured where it matters, at the receiving side.
//
//   node --import tsx bench/media-load.ts [sessions=300] [seconds=5] [echo|no-echo]
import { fork } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { createMediaScheduler } from '../src/server/telephony/media/media-scheduler.ts';
import { generateHoldMusic } from '../src/server/telephony/prompts/hold-music.ts';
import { createRtpPortPool } from '../src/server/telephony/rtp/rtp-port-pool.ts';
import { createRtpSession, type RtpSession } from '../src/server/telephony/rtp/rtp-session.ts';

interface PeerReport {
  packets: number;
  lost: number;
  gapP50: number;
  gapP99: number;
  gapMax: number;
  latenessP50: number;
  latenessP99: number;
  lateShare: number;
}

type PeerRequest = { kind: 'open'; count: number; echo: boolean } | { kind: 'report' };
type PeerReply = { kind: 'ports'; ports: number[] } | { kind: 'report'; report: PeerReport };

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0);
}

async function runPeers(): Promise<void> {
  const streams: Array<{ arrivals: number[]; indexes: number[] }> = [];
  const sockets: Socket[] = [];
  const reply = (message: PeerReply): void => void process.send?.(message);
  process.on('message', async (request: PeerRequest) => {
    if (request.kind === 'open') {
      for (let i = 0; i < request.count; i++) {
        const socket = createSocket('udp4');
        await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
        const stream = { arrivals: [] as number[], indexes: [] as number[] };
        socket.on('message', (data, remote) => {
          stream.arrivals.push(performance.now());
          // RTP timestamp / 160 is the packet's slot on the sender's 20 ms grid, also across skipped ticks.
          stream.indexes.push(data.readUInt32BE(4) / 160);
          if (request.echo) socket.send(data, remote.port, remote.address);
        });
        sockets.push(socket);
        streams.push(stream);
      }
      reply({ kind: 'ports', ports: sockets.map((socket) => socket.address().port) });
      return;
    }
    const gaps: number[] = [];
    const lateness: number[] = [];
    let packets = 0;
    let lost = 0;
    for (const { arrivals, indexes } of streams) {
      packets += arrivals.length;
      const first = indexes[0] ?? 0;
      lost += Math.round((indexes.at(-1) ?? first) - first) + 1 - arrivals.length;
      // Lateness against the ideal grid, aligned to the stream's earliest-relative packet.
      const offsets = arrivals.map((at, i) => at - ((indexes[i] ?? 0) - first) * 20);
      const best = Math.min(...offsets);
      for (const offset of offsets) lateness.push(offset - best);
      for (let i = 1; i < arrivals.length; i++) gaps.push((arrivals[i] ?? 0) - (arrivals[i - 1] ?? 0));
    }
    const sortedGaps = Float64Array.from(gaps).sort();
    const sortedLateness = Float64Array.from(lateness).sort();
    reply({
      kind: 'report',
      report: {
        packets,
        lost,
        gapP50: percentile(sortedGaps, 0.5),
        gapP99: percentile(sortedGaps, 0.99),
        gapMax: sortedGaps.at(-1) ?? 0,
        latenessP50: percentile(sortedLateness, 0.5),
        latenessP99: percentile(sortedLateness, 0.99),
        lateShare: lateness.filter((value) => value > 5).length / Math.max(1, lateness.length),
      },
    });
    for (const socket of sockets) socket.close();
    process.disconnect();
  });
}

async function runServer(count: number, seconds: number, echo: boolean): Promise<void> {
  const peers = fork(fileURLToPath(import.meta.url), ['peer']);
  const ask = <K extends PeerReply['kind']>(request: PeerRequest, kind: K): Promise<Extract<PeerReply, { kind: K }>> =>
    new Promise((resolve) => {
      const onMessage = (message: PeerReply): void => {
        if (message.kind !== kind) return;
        peers.off('message', onMessage);
        resolve(message as Extract<PeerReply, { kind: K }>);
      };
      peers.on('message', onMessage);
      peers.send(request);
    });
  const { ports } = await ask({ kind: 'open', count, echo }, 'ports');
  const music = generateHoldMusic();
  const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 20000, maxPort: 20999 });
  let tickErrors = 0;
  const scheduler = createMediaScheduler({ onTickError: () => void tickErrors++ });
  // Targets run in registration order: a marker before and after the sessions times each tick's work.
  let tickStartedMs = 0;
  const tickWorkMs: number[] = [];
  scheduler.register({ onTick: () => void (tickStartedMs = performance.now()) });
  const sessions: RtpSession[] = [];
  for (const port of ports) {
    const session = createRtpSession({
      lease: await pool.allocate(),
      remoteAddress: '127.0.0.1',
      remotePort: port,
      codec: { name: 'PCMU', payloadType: 0 },
      telephoneEventPayloadType: 101,
      scheduler,
    });
    session.play(music, { loop: true });
    sessions.push(session);
  }
  scheduler.register({ onTick: () => void tickWorkMs.push(performance.now() - tickStartedMs) });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  scheduler.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const totals = sessions.reduce(
    (sum, session) => {
      const stats = session.stats();
      return { out: sum.out + stats.packetsOut, in: sum.in + stats.packetsIn, ignored: sum.ignored + stats.ignoredPackets };
    },
    { out: 0, in: 0, ignored: 0 },
  );
  for (const session of sessions) session.close();
  const { report } = await ask({ kind: 'report' }, 'report');
  const ticks = scheduler.stats();
  const fixed = (value: number, digits = 2): string => value.toFixed(digits);
  console.log(`${count} sessions, ${seconds} s, one scheduler, peers ${echo ? 'echoing (full duplex)' : 'receive only'}`);
  console.log(`server CPU ${fixed(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1)} % of one core; tick errors ${tickErrors}`);
  console.log(`scheduler: ${ticks.ticks} ticks, ${ticks.skippedTicks} skipped, lateness p50 ${fixed(ticks.p50LatenessMs)} ms, p99 ${fixed(ticks.p99LatenessMs)} ms, max ${fixed(ticks.maxLatenessMs)} ms, ${ticks.lateTicks} ticks > 5 ms late`);
  const work = Float64Array.from(tickWorkMs).sort();
  console.log(`work per tick (all sessions): p50 ${fixed(percentile(work, 0.5))} ms, p99 ${fixed(percentile(work, 0.99))} ms, max ${fixed(work.at(-1) ?? 0)} ms`);
  console.log(`sent ${totals.out} packets, peers received ${report.packets} (${report.lost} lost), sessions received ${totals.in} echoes, ignored ${totals.ignored}`);
  console.log(`receiver inter-arrival: p50 ${fixed(report.gapP50)} ms, p99 ${fixed(report.gapP99)} ms, max ${fixed(report.gapMax)} ms`);
  console.log(`receiver lateness vs 20 ms grid: p50 ${fixed(report.latenessP50)} ms, p99 ${fixed(report.latenessP99)} ms, ${fixed(report.lateShare * 100, 3)} % of packets > 5 ms late`);
}

if (process.argv[2] === 'peer') {
  await runPeers();
} else {
  const count = Number(process.argv[2] ?? 300);
  const seconds = Number(process.argv[3] ?? 5);
  await runServer(count, seconds, process.argv[4] !== 'no-echo');
}
