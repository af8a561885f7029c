// Load check, not a test: the line's media for the operators' queues on one process. W callers wait (shared
// hold music, an announcement spoken every few seconds) and A operator legs are bridged in pairs, each
// leg an RTP session on loopback sending to one sink socket, all driven by the one 20 ms scheduler.
// Prints the scheduler's tick lateness, the CPU spent per tick (all legs), the process's CPU share and the
// packets the sessions sent. On a machine shared with other work, lateness measures the machine; CPU per
// tick is the line's own cost.
//
//   node --import tsx bench/acd-line-media.ts [waiting=200] [agents=50] [seconds=10]
import { createSocket } from 'node:dgram';
import { createLogger } from '../src/server/platform/logger.ts';
import { createAcdLegs } from '../src/server/phone-line/acd-legs.ts';
import { pcmToG711Prompt } from '../src/server/telephony/media/g711-frames.ts';
import { createMediaScheduler } from '../src/server/telephony/media/media-scheduler.ts';
import { generateTone } from '../src/server/telephony/media/tone-generator.ts';
import { generateHoldMusic } from '../src/server/telephony/prompts/hold-music.ts';
import { createRtpPortPool } from '../src/server/telephony/rtp/rtp-port-pool.ts';
import { createRtpSession } from '../src/server/telephony/rtp/rtp-session.ts';
import { systemSipTimers } from '../src/server/telephony/sip/sip-timers.ts';

const [waiting = 200, agents = 50, seconds = 10] = process.argv.slice(2).map(Number);
const sink = createSocket('udp4');
let received = 0;
sink.on('message', () => void received++);
await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
const sinkPort = sink.address().port;

const scheduler = createMediaScheduler({ onTickError: (error) => console.error(error) });
const ports = createRtpPortPool({ host: '127.0.0.1', minPort: 41000, maxPort: 41000 + 2 * (waiting + agents) + 20 });
// An eight-second sentence stands in for the rendered announcement (the renderer caches it the same way).
const announcement = pcmToG711Prompt(generateTone([600], 8000, { amplitude: 6000 }));
const legs = createAcdLegs({
  holdMusic: generateHoldMusic(),
  speak: async () => announcement,
  storeRecording: async () => undefined,
  timers: systemSipTimers,
  log: createLogger('silent'),
  announceEveryMs: 5_000,
});
legs.connect({ legEnded: () => undefined, digit: () => undefined, registrationChanged: () => undefined });

const sessions: Array<ReturnType<typeof createRtpSession>> = [];
async function leg(id: string) {
  const lease = await ports.allocate();
  const rtp = createRtpSession({ lease, remoteAddress: '127.0.0.1', remotePort: sinkPort, codec: { name: 'PCMU', payloadType: 0 }, scheduler, inactivityTimeoutMs: 0 });
  legs.adopt(id, rtp, () => rtp.close());
  sessions.push(rtp);
  return rtp;
}

scheduler.start();
for (let i = 0; i < waiting; i++) {
  await leg(`caller-${i}`);
  legs.startWaiting(`caller-${i}`, { language: 'es', position: i + 1, estimatedWaitSeconds: 30 * (i + 1), offerCallback: i % 2 === 0 });
}
for (let i = 0; i < agents; i += 2) {
  await leg(`agent-${i}`);
  await leg(`agent-${i + 1}`);
  legs.bridge(`agent-${i}`, `agent-${i + 1}`);
}
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
const receivedBefore = received;
const sentBefore = sessions.reduce((sum, rtp) => sum + rtp.stats().packetsOut, 0);
const ticksBefore = scheduler.stats().ticks;
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const cpu = process.cpuUsage(cpuBefore);
const elapsedMs = performance.now() - startedAt;
const stats = scheduler.stats();
const sent = sessions.reduce((sum, rtp) => sum + rtp.stats().packetsOut, 0) - sentBefore;
const ticks = stats.ticks - ticksBefore;
console.log(JSON.stringify({
  legs: waiting + agents, waiting, bridgedAgentLegs: agents, seconds,
  ticks, ticksExpected: Math.round(elapsedMs / 20),
  packetsSentPerSecond: Math.round((sent * 1000) / elapsedMs),
  packetsPerTick: ticks === 0 ? 0 : Math.round(sent / ticks),
  sinkReceivedPerSecond: Math.round(((received - receivedBefore) * 1000) / elapsedMs),
  cpuMsPerTick: ticks === 0 ? 0 : Number(((cpu.user + cpu.system) / 1000 / ticks).toFixed(3)),
  cpuShare: Number(((cpu.user + cpu.system) / 1000 / elapsedMs).toFixed(3)),
  tickLatenessMs: { p50: stats.p50LatenessMs, p99: stats.p99LatenessMs, max: stats.maxLatenessMs },
  lateTicks: stats.lateTicks, skippedTicks: stats.skippedTicks,
}, null, 2));
scheduler.stop();
sink.close();
process.exit(0);
