// The far end of every benchmark call's media: one UDP socket that the SIPp scenario's SDP names
// as the caller's RTP address. It runs in its own process (forked by bench/sip.ts) so that its
// clock readings are not delayed by the bench's own work, and the desk's CPU stays the desk's.
import { createSocket } from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ReceiverReport {
  packets: number;
  streams: number;
  /** Most streams alive at one instant, each alive from its first to its last packet. */
  peakStreams: number;
  intervalP50Ms: number;
  intervalP99Ms: number;
  intervalMaxMs: number;
  latenessP99Ms: number;
  latePackets: number;
  /** Sequence numbers that never arrived: lost between the desk's send and this socket. */
  lostPackets: number;
  /** 20 ms frames the desk's RTP timestamps skipped over: ticks its scheduler dropped after a stall. */
  skippedFrames: number;
  /** Packets and late packets in the seconds when no stream started or ended, and in the others. */
  steady: PhaseFigures;
  churn: PhaseFigures;
  timeline: SecondFigures[];
  /**
   * This process's own event-loop delay: how late it may have read a packet. Lateness figures below
   * this are the receiver's, not the desk's.
   */
  receiverLoopDelayP99Ms: number;
  receiverLoopDelayMaxMs: number;
}

export interface PhaseFigures {
  seconds: number;
  packets: number;
  latePackets: number;
}

export interface SecondFigures {
  second: number;
  packets: number;
  latePackets: number;
  maxLatenessMs: number;
  started: number;
  ended: number;
}

export type ReceiverMessage =
  | { type: 'ready'; port: number }
  | { type: 'sample'; activeStreams: number; packets: number }
  | { type: 'report'; report: ReceiverReport };

const FRAME_MS = 20;
const FRAME_SAMPLES = 160;
const LATE_MS = 5;
// Histograms in 10 µs bins up to 2 s: percentiles without keeping every one of a million samples.
const BIN_MS = 0.01;
const BINS = 200_000;

interface Stream {
  firstArrival: number;
  lastArrival: number;
  firstTimestamp: number;
  lastTimestamp: number;
  lastSequence: number;
  /** Lowest arrival − n × 20 ms so far: the stream's on-time reference (see onPacket). */
  bestOffset: number;
}

function histogram() {
  const bins = new Uint32Array(BINS + 1);
  let count = 0;
  let max = 0;
  return {
    add(ms: number) {
      bins[Math.min(BINS, Math.max(0, Math.round(ms / BIN_MS)))]!++;
      count++;
      if (ms > max) max = ms;
    },
    percentile(fraction: number): number {
      const rank = Math.ceil(fraction * count);
      let seen = 0;
      for (let i = 0; i <= BINS; i++) {
        seen += bins[i]!;
        if (seen >= rank && seen > 0) return i * BIN_MS;
      }
      return 0;
    },
    get max() {
      return max;
    },
  };
}

function peakOverlap(streams: Iterable<Stream>): number {
  const edges: Array<[number, number]> = [];
  for (const stream of streams) edges.push([stream.firstArrival, 1], [stream.lastArrival, -1]);
  // At equal times the end sorts first: a call replaced in the same instant does not count twice.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let alive = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (alive += delta));
  return peak;
}

function createReceiver() {
  let streams = new Map<number, Stream>();
  let intervals = histogram();
  let lateness = histogram();
  let packets = 0;
  let latePackets = 0;
  let lostPackets = 0;
  let skippedFrames = 0;
  let origin = performance.now();
  let seconds: SecondFigures[] = [];
  let loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();

  function secondAt(arrival: number): SecondFigures {
    const index = Math.max(0, Math.floor((arrival - origin) / 1000));
    for (let i = seconds.length; i <= index; i++) seconds.push({ second: i, packets: 0, latePackets: 0, maxLatenessMs: 0, started: 0, ended: 0 });
    return seconds[index]!;
  }

  /** Per second, how many streams began and ended in it, then the steady/churn split of the late packets. */
  function phases(): Pick<ReceiverReport, 'steady' | 'churn' | 'timeline'> {
    for (const stream of streams.values()) {
      secondAt(stream.firstArrival).started++;
      secondAt(stream.lastArrival).ended++;
    }
    const steady: PhaseFigures = { seconds: 0, packets: 0, latePackets: 0 };
    const churn: PhaseFigures = { seconds: 0, packets: 0, latePackets: 0 };
    for (const second of seconds) {
      if (second.packets === 0) continue;
      const phase = second.started + second.ended === 0 ? steady : churn;
      phase.seconds++;
      phase.packets += second.packets;
      phase.latePackets += second.latePackets;
    }
    return { steady, churn, timeline: seconds };
  }

  function onPacket(data: Buffer, arrival: number): void {
    if (data.length < 12 || data[0]! >> 6 !== 2) return;
    const sequence = data.readUInt16BE(2);
    const timestamp = data.readUInt32BE(4);
    const ssrc = data.readUInt32BE(8);
    packets++;
    const second = secondAt(arrival);
    second.packets++;
    const stream = streams.get(ssrc);
    if (!stream) {
      streams.set(ssrc, { firstArrival: arrival, lastArrival: arrival, firstTimestamp: timestamp, lastTimestamp: timestamp, lastSequence: sequence, bestOffset: arrival });
      return;
    }
    intervals.add(arrival - stream.lastArrival);
    // The desk stamps each packet with its tick (timestamp / 160), so tick n is due n × 20 ms after tick 0.
    // Anchoring on the earliest-arriving packet rather than the very first one keeps a late first packet
    // from making every later on-time packet look early.
    const frame = ((timestamp - stream.firstTimestamp) >>> 0) / FRAME_SAMPLES;
    const offset = arrival - frame * FRAME_MS;
    if (offset < stream.bestOffset) stream.bestOffset = offset;
    const late = offset - stream.bestOffset;
    lateness.add(late);
    if (late > LATE_MS) {
      latePackets++;
      second.latePackets++;
    }
    if (late > second.maxLatenessMs) second.maxLatenessMs = late;
    const gap = (sequence - stream.lastSequence) & 0xffff;
    if (gap > 1 && gap < 0x8000) lostPackets += gap - 1;
    const frames = ((timestamp - stream.lastTimestamp) >>> 0) / FRAME_SAMPLES;
    if (frames > gap && frames < 0x10000) skippedFrames += frames - gap;
    stream.lastArrival = arrival;
    stream.lastSequence = sequence;
    stream.lastTimestamp = timestamp;
  }

  return {
    onPacket,
    activeStreams(now: number): number {
      let active = 0;
      for (const stream of streams.values()) if (now - stream.lastArrival < 200) active++;
      return active;
    },
    get packets() {
      return packets;
    },
    /** The warm-up call's stream must not count in the figures. */
    reset() {
      streams = new Map();
      intervals = histogram();
      lateness = histogram();
      packets = latePackets = lostPackets = skippedFrames = 0;
      origin = performance.now();
      seconds = [];
      loopDelay.disable();
      loopDelay = monitorEventLoopDelay({ resolution: 5 });
      loopDelay.enable();
    },
    report(): ReceiverReport {
      return {
        packets,
        streams: streams.size,
        peakStreams: peakOverlap(streams.values()),
        intervalP50Ms: intervals.percentile(0.5),
        intervalP99Ms: intervals.percentile(0.99),
        intervalMaxMs: intervals.max,
        latenessP99Ms: lateness.percentile(0.99),
        latePackets,
        lostPackets,
        skippedFrames,
        ...phases(),
        // The histogram counts the timer's whole wait; its resolution is not delay.
        receiverLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - 5),
        receiverLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - 5),
      };
    },
  };
}

function main(): void {
  const send = (message: ReceiverMessage) => process.send?.(message);
  const receiver = createReceiver();
  const socket = createSocket('udp4');
  socket.on('message', (data) => receiver.onPacket(data, performance.now()));
  socket.bind(0, '127.0.0.1', () => {
    // A large buffer absorbs the bursts of one scheduler tick (a packet per call within a millisecond or two).
    try {
      socket.setRecvBufferSize(8 * 1024 * 1024);
    } catch {
      // Capped by net.core.rmem_max; the default still works, and losses are counted.
    }
    send({ type: 'ready', port: socket.address().port });
  });
  const sampler = setInterval(() => send({ type: 'sample', activeStreams: receiver.activeStreams(performance.now()), packets: receiver.packets }), 1000);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset') receiver.reset();
    if (message.type === 'report') {
      clearInterval(sampler);
      socket.close();
      process.send?.({ type: 'report', report: receiver.report() } satisfies ReceiverMessage, () => process.disconnect());
    }
  });
  // The bench may die without asking for the report; the receiver must not outlive it.
  process.on('disconnect', () => process.exit(0));
}

main();
