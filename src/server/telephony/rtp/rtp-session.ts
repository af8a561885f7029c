import { randomInt } from 'node:crypto';
import type { RemoteInfo } from 'node:dgram';
import { createDtmfReceiver, buildDtmfPackets, type OutgoingTelephoneEvent } from '../media/dtmf-rfc4733.ts';
import { decodeALaw, decodeMuLaw } from '../media/g711.ts';
import { G711_FRAME_SAMPLES, silenceFrame, type G711Codec } from '../media/g711-frames.ts';
import { createInBandDtmfDetector, type InBandDtmfDetector } from '../media/goertzel.ts';
import type { MediaScheduler, MediaTickTarget } from '../media/media-scheduler.ts';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from './rtp-packet.ts';
import { createPlayout, type PlayHandle, type PlayMedia, type PlayOptions } from './rtp-playout.ts';
import { createRecorder, type Recorder, type RecordingHandle, type RecordingOptions } from './rtp-recording.ts';
import type { RtpPortLease } from './rtp-port-pool.ts';

export interface RtpCodec {
  name: G711Codec;
  payloadType: number;
}

export interface RtpSessionOptions {
  /** The session owns the lease from now on and releases it on close. */
  lease: Pick<RtpPortLease, 'socket' | 'port' | 'release'>;
  /** From the peer's SDP; also the only source address accepted until the first packet latches. */
  remoteAddress: string;
  remotePort: number;
  codec: RtpCodec;
  telephoneEventPayloadType?: number;
  scheduler: MediaScheduler;
  /** No RTP for this long emits `timeout`; 0 disables it (a peer holding with a=inactive sends nothing). */
  inactivityTimeoutMs?: number;
  /**
   * 'silence' (default) sends silence frames whenever nothing plays: it keeps the peer's NAT pinhole and its
   * own RTP timeout alive. 'pause' sends nothing, for peers that are themselves on hold.
   */
  idle?: 'silence' | 'pause';
  /** Goertzel detection on received audio, for carriers that send tones rather than RFC 4733 events. */
  inBandDtmf?: boolean;
  /** Ticks later than this count as late in the stats. */
  lateThresholdMs?: number;
  ssrc?: number;
}

export interface RtpSessionEvents {
  dtmf: { digit: string; via: 'rfc4733' | 'in-band' };
  /** Each received packet's audio, decoded to 8 kHz PCM. */
  audio: Int16Array;
  timeout: { silentForMs: number };
  latched: { address: string; port: number };
  closed: undefined;
}

export interface RtpSessionStats {
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  silenceFramesOut: number;
  ignoredPackets: number;
  lateTicks: number;
  sendErrors: number;
}

export interface RtpSession {
  readonly localPort: number;
  readonly ssrc: number;
  /** Where packets go now: the latched source once symmetric RTP has seen the peer, else the SDP address. */
  readonly destination: { address: string; port: number };
  play(media: PlayMedia, options?: PlayOptions): PlayHandle;
  stopPlayback(): void;
  startRecording(options?: RecordingOptions): RecordingHandle;
  /** Sends an RFC 4733 event in place of audio; resolves after its last end packet. */
  sendDtmf(digit: string, durationMs?: number): Promise<void>;
  /** A re-INVITE moved the peer: forget the latch and accept the new address. */
  setRemote(address: string, port: number): void;
  on<K extends keyof RtpSessionEvents>(event: K, listener: (payload: RtpSessionEvents[K]) => void): () => void;
  stats(): RtpSessionStats;
  close(): void;
}

const COMFORT_NOISE_PT = 13;
/**
 * Sequence gaps up to this are loss (filled with silence in recordings) and steps back up to this are late or
 * duplicate packets (dropped). Anything larger is a restarted stream, as SIPp does for each capture it plays.
 */
const MAX_FILLED_GAP = 50;

const plainAddress = (address: string): string => (address.startsWith('::ffff:') ? address.slice(7) : address);

export function createRtpSession(options: RtpSessionOptions): RtpSession {
  const { lease, scheduler, codec } = options;
  const socket = lease.socket;
  const timeoutMs = options.inactivityTimeoutMs ?? 30_000;
  const lateThresholdMs = options.lateThresholdMs ?? 5;
  const idle = options.idle ?? 'silence';
  const tePayloadType = options.telephoneEventPayloadType;
  const ssrc = options.ssrc ?? randomInt(0x1_0000_0000);
  const decode = codec.name === 'PCMU' ? decodeMuLaw : decodeALaw;
  const playout = createPlayout(codec.name);
  const dtmfReceiver = createDtmfReceiver();
  const recorders = new Set<Recorder>();
  const listeners: { [K in keyof RtpSessionEvents]: Set<(payload: RtpSessionEvents[K]) => void> } = {
    dtmf: new Set(), audio: new Set(), timeout: new Set(), latched: new Set(), closed: new Set(),
  };
  const stats: RtpSessionStats = {
    packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, silenceFramesOut: 0, ignoredPackets: 0, lateTicks: 0, sendErrors: 0,
  };
  let inBand: InBandDtmfDetector | undefined = options.inBandDtmf === false ? undefined : createInBandDtmfDetector();
  let expectedAddress = plainAddress(options.remoteAddress);
  let destination = { address: expectedAddress, port: options.remotePort };
  let latched = false;
  let closed = false;
  let sequence = randomInt(0x10000);
  const timestampBase = randomInt(0x1_0000_0000);
  let firstTick: number | undefined;
  let sentAny = false;
  let paused = false;
  let receivedSinceTick = false;
  let lastActivityMs: number | undefined;
  let timedOut = false;
  let lastAudio: { ssrc: number; sequence: number } | undefined;
  const dtmfOut: Array<{ packets: OutgoingTelephoneEvent[]; timestamp?: number; done: () => void }> = [];

  function emit<K extends keyof RtpSessionEvents>(event: K, payload: RtpSessionEvents[K]): void {
    for (const listener of listeners[event]) listener(payload);
  }

  function send(payloadType: number, marker: boolean, timestamp: number, payload: Uint8Array): void {
    const bytes = serializeRtpPacket({
      marker,
      payloadType,
      sequenceNumber: sequence,
      timestamp,
      ssrc,
      csrcs: [],
      payload,
      paddingLength: 0,
    });
    sequence = (sequence + 1) & 0xffff;
    stats.packetsOut++;
    stats.bytesOut += bytes.length;
    sentAny = true;
    socket.send(bytes, destination.port, destination.address, (error) => {
      if (error) stats.sendErrors++;
    });
  }

  function acceptsSource(remote: RemoteInfo): boolean {
    const address = plainAddress(remote.address);
    if (latched) return address === destination.address && remote.port === destination.port;
    return address === expectedAddress;
  }

  /** Audio in arrival order; late (reordered) packets are dropped and lost ones become silence in recordings. */
  function receiveAudio(packet: RtpPacket): void {
    let lost = 0;
    if (lastAudio && lastAudio.ssrc === packet.ssrc) {
      const gap = (packet.sequenceNumber - lastAudio.sequence) & 0xffff;
      if (gap === 0 || gap > 0x10000 - MAX_FILLED_GAP) return;
      if (gap <= MAX_FILLED_GAP) lost = (gap - 1) * packet.payload.length;
    }
    lastAudio = { ssrc: packet.ssrc, sequence: packet.sequenceNumber };
    if (listeners.audio.size === 0 && recorders.size === 0 && !inBand) return;
    const pcm = decode(packet.payload);
    for (const recorder of recorders) recorder.write(pcm, lost);
    if (inBand) for (const digit of inBand.push(pcm)) emit('dtmf', { digit, via: 'in-band' });
    emit('audio', pcm);
  }

  function onMessage(data: Buffer, remote: RemoteInfo): void {
    if (closed) return;
    if (!acceptsSource(remote)) {
      stats.ignoredPackets++;
      return;
    }
    const parsed = parseRtpPacket(data);
    const payloadType = parsed.ok ? parsed.packet.payloadType : -1;
    if (!parsed.ok || (payloadType !== codec.payloadType && payloadType !== tePayloadType && payloadType !== COMFORT_NOISE_PT)) {
      stats.ignoredPackets++;
      return;
    }
    if (!latched) {
      latched = true;
      destination = { address: plainAddress(remote.address), port: remote.port };
      emit('latched', destination);
    }
    stats.packetsIn++;
    stats.bytesIn += data.length;
    receivedSinceTick = true;
    const packet = parsed.packet;
    if (payloadType === tePayloadType) {
      // A peer sending RFC 4733 may also leave the tone in the audio; trusting one source avoids double digits.
      inBand = undefined;
      const received = dtmfReceiver.receive(packet);
      if (received) emit('dtmf', { digit: received.digit, via: 'rfc4733' });
    } else if (payloadType === codec.payloadType) {
      receiveAudio(packet);
    }
  }

  function checkInactivity(nowMs: number): void {
    if (receivedSinceTick || lastActivityMs === undefined) {
      lastActivityMs = nowMs;
      receivedSinceTick = false;
      timedOut = false;
      return;
    }
    const silentForMs = nowMs - lastActivityMs;
    if (timeoutMs > 0 && !timedOut && silentForMs >= timeoutMs) {
      timedOut = true;
      emit('timeout', { silentForMs });
    }
  }

  /** The timestamp follows the tick count, so it keeps sampling-clock time across pauses and skipped ticks. */
  function transmit(tick: number): void {
    firstTick ??= tick;
    const timestamp = (timestampBase + (tick - firstTick) * G711_FRAME_SAMPLES) >>> 0;
    const event = dtmfOut[0];
    if (event && tePayloadType !== undefined) {
      // Every packet of one event carries the timestamp of its first packet (RFC 4733 2.5.1.1).
      event.timestamp ??= timestamp;
      const next = event.packets.shift();
      if (next) send(tePayloadType, next.marker, event.timestamp, next.payload);
      if (event.packets.length === 0) {
        dtmfOut.shift();
        event.done();
      }
      return;
    }
    const frame = playout.nextFrame();
    if (!frame && idle === 'pause') {
      paused = sentAny;
      return;
    }
    const marker = !sentAny || paused || (frame?.startsSpurt ?? false);
    paused = false;
    if (!frame) stats.silenceFramesOut++;
    send(codec.payloadType, marker, timestamp, frame?.payload ?? silenceFrame(codec.name));
  }

  const target: MediaTickTarget = {
    onTick(tick, nowMs, latenessMs) {
      if (closed) return;
      if (latenessMs > lateThresholdMs) stats.lateTicks++;
      checkInactivity(nowMs);
      if (!closed) transmit(tick);
    },
  };

  function close(): void {
    if (closed) return;
    closed = true;
    scheduler.unregister(target);
    socket.off('message', onMessage);
    playout.stopAll();
    for (const recorder of [...recorders]) recorder.end('closed');
    for (const event of dtmfOut.splice(0)) event.done();
    lease.release();
    emit('closed', undefined);
  }

  socket.on('message', onMessage);
  socket.on('error', () => void stats.sendErrors++);
  scheduler.register(target);

  return {
    localPort: lease.port,
    ssrc,
    get destination() {
      return { ...destination };
    },
    play(media, playOptions) {
      const handle = playout.play(media, playOptions);
      // After close nothing will ever pull frames, so the handle must not be left pending.
      if (closed) playout.stopAll();
      return handle;
    },
    stopPlayback: () => playout.stopAll(),
    startRecording(recordingOptions = {}) {
      if (closed) throw new Error('RTP session is closed');
      const recorder = createRecorder(recordingOptions, (ended) => recorders.delete(ended));
      recorders.add(recorder);
      return recorder.handle;
    },
    sendDtmf(digit, durationMs = 100) {
      return new Promise((resolve) => {
        if (tePayloadType === undefined) throw new Error('the peer did not negotiate telephone-event');
        if (closed) throw new Error('RTP session is closed');
        dtmfOut.push({ packets: buildDtmfPackets({ digit, durationMs, timestamp: 0 }), done: resolve });
      });
    },
    setRemote(address, port) {
      expectedAddress = plainAddress(address);
      destination = { address: expectedAddress, port };
      latched = false;
    },
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    stats: () => ({ ...stats }),
    close,
  };
}
