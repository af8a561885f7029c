import type { AcdTelephonyEvents, TLegId, TWaitingAnnouncement } from '../acd/acd-telephony.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { Logger } from '../platform/logger.ts';
import type { G711Prompt } from '../telephony/media/g711-frames.ts';
import { createLegOutput, type LegOutput } from '../telephony/rtp/leg-output.ts';
import { createRelayBuffer, type RelayBuffer } from '../telephony/rtp/relay-buffer.ts';
import type { RtpSession } from '../telephony/rtp/rtp-session.ts';
import type { SipTimers } from '../telephony/sip/sip-timers.ts';
import { createCallRecorder, type CallRecorder, type StoreCallRecording } from './call-recorder.ts';
import { waitingAnnouncementSentences } from './waiting-announcement.ts';

export interface AcdLegsDeps {
  holdMusic: G711Prompt;
  /** Speech for these sentences, in order; each is synthesised (and kept) on its own. */
  speak(sentences: readonly string[], language: TLanguage): Promise<G711Prompt>;
  storeRecording: StoreCallRecording;
  timers: SipTimers;
  log: Logger;
  /** How often a waiting caller hears the announcement again when nothing changed. */
  announceEveryMs?: number;
}

interface Waiting {
  sentences: string[];
  language: TLanguage;
  timer: unknown;
}

interface Leg {
  id: TLegId;
  rtp: RtpSession;
  output: LegOutput;
  end(): void;
  /** Where this leg's received audio goes: the peer's outgoing buffer while bridged. */
  feed?: RelayBuffer;
  peer?: TLegId;
  /** The peer to reconnect on `resume`. */
  heldPeer?: TLegId;
  waiting?: Waiting;
  recorder?: CallRecorder;
  onBridged?: () => void;
  /** Set on a caller's leg: its call record, where a recording of the call belongs. */
  callRecordId?: string;
  stopListening: Array<() => void>;
}

/**
 * The legs the operators' queues own, and what happens to their media: waiting music with announcements,
 * sentences, bridges (an RTP relay through per-direction buffers, DTMF regenerated on the other leg),
 * hold and resume. SIP is not handled here: each leg comes with its own `end`.
 */
export function createAcdLegs(deps: AcdLegsDeps) {
  const legs = new Map<TLegId, Leg>();
  const announceEveryMs = deps.announceEveryMs ?? 30_000;
  let events: AcdTelephonyEvents | undefined;

  const get = (id: TLegId) => legs.get(id);

  function unbridge(leg: Leg): void {
    const peer = leg.peer === undefined ? undefined : get(leg.peer);
    leg.peer = undefined;
    leg.feed = undefined;
    if (leg.recorder) void leg.recorder.finish();
    leg.recorder = undefined;
    if (peer && peer.peer === leg.id) {
      peer.peer = undefined;
      peer.feed = undefined;
      peer.recorder = undefined;
      if (peer.output.mode.kind === 'relay') peer.output.setMode({ kind: 'silence' });
    }
    if (leg.output.mode.kind === 'relay') leg.output.setMode({ kind: 'silence' });
  }

  function stopWaiting(leg: Leg): void {
    if (!leg.waiting) return;
    deps.timers.clearTimeout(leg.waiting.timer);
    leg.waiting = undefined;
    leg.output.dropPendingSpeech();
  }

  function announce(leg: Leg): void {
    const waiting = leg.waiting;
    if (!waiting) return;
    deps.timers.clearTimeout(waiting.timer);
    waiting.timer = deps.timers.setTimeout(() => announce(leg), announceEveryMs);
    deps.speak(waiting.sentences, waiting.language).then(
      (prompt) => {
        // A newer announcement or a bridge may have come while this one was rendered.
        if (leg.waiting !== waiting || !legs.has(leg.id)) return;
        leg.output.dropPendingSpeech();
        void leg.output.say(prompt);
      },
      (error: unknown) => deps.log.warn('waiting announcement not rendered', { error, leg: leg.id }),
    );
  }

  function forget(leg: Leg, by: 'remote' | 'local'): void {
    if (!legs.has(leg.id)) return;
    legs.delete(leg.id);
    stopWaiting(leg);
    unbridge(leg);
    for (const stop of leg.stopListening) stop();
    leg.output.stop();
    events?.legEnded(leg.id, by);
  }

  function bridge(aId: TLegId, bId: TLegId, record?: { tenantId: string; queueCallId: string }): void {
    const a = get(aId);
    const b = get(bId);
    if (!a || !b || a === b) {
      deps.log.warn('bridge of a leg that is gone', { a: aId, b: bId });
      return;
    }
    for (const leg of [a, b]) {
      stopWaiting(leg);
      // The rest of a waiting announcement would play over the operator's first words.
      leg.output.stopSpeech();
      unbridge(leg);
      leg.heldPeer = undefined;
    }
    const toA = createRelayBuffer();
    const toB = createRelayBuffer();
    a.output.setMode({ kind: 'relay', buffer: toA });
    b.output.setMode({ kind: 'relay', buffer: toB });
    a.feed = toB;
    b.feed = toA;
    a.peer = bId;
    b.peer = aId;
    if (record) {
      const callId = a.callRecordId ?? b.callRecordId;
      const recorder = createCallRecorder({ legs: [aId, bId], ...record, callId, store: deps.storeRecording, log: deps.log });
      a.recorder = recorder;
      b.recorder = recorder;
    }
    a.onBridged?.();
    b.onBridged?.();
  }

  /** A key pressed on a leg, however it came (RFC 4733 or SIP INFO): passed to its peer and reported. */
  function pressed(leg: Leg, digit: string): void {
    const peer = leg.peer === undefined ? undefined : get(leg.peer);
    peer?.rtp.sendDtmf(digit).catch(() => undefined);
    events?.digit(leg.id, digit);
  }

  return {
    connect(listener: AcdTelephonyEvents): void {
      events = listener;
    },

    /** Takes over a leg's media: from now on everything it hears comes from its leg output. */
    adopt(id: TLegId, rtp: RtpSession, end: () => void, options: { onBridged?: () => void; callRecordId?: string } = {}): void {
      const output = createLegOutput(deps.holdMusic);
      const leg: Leg = { id, rtp, output, end, stopListening: [], ...options };
      // Queued behind whatever still plays: the IVR's "putting you through" finishes before the music.
      void rtp.play(output.source);
      leg.stopListening.push(
        rtp.on('audio', (pcm) => {
          leg.feed?.push(pcm);
          leg.recorder?.write(id, pcm);
        }),
        rtp.on('dtmf', ({ digit }) => pressed(leg, digit)),
        rtp.on('timeout', () => {
          deps.log.warn('no media on a queued leg; ending it', { leg: id });
          leg.end();
          forget(leg, 'remote');
        }),
      );
      legs.set(id, leg);
    },

    /** A key the phone signalled out of band (SIP INFO) on an adopted leg. */
    signalledDigit(id: TLegId, digit: string): void {
      const leg = get(id);
      if (leg) pressed(leg, digit);
    },

    /** Gives a leg back without reporting it ended: the ACD refused it, and the IVR carries on. */
    release(id: TLegId): void {
      const leg = get(id);
      if (!leg) return;
      legs.delete(id);
      stopWaiting(leg);
      unbridge(leg);
      for (const stop of leg.stopListening) stop();
      leg.output.stop();
      leg.rtp.stopPlayback();
    },

    /** The far end hung up. */
    remoteEnded(id: TLegId): void {
      const leg = get(id);
      if (leg) forget(leg, 'remote');
    },

    has: (id: TLegId) => legs.has(id),

    startWaiting(id: TLegId, announcement: TWaitingAnnouncement): void {
      const leg = get(id);
      if (!leg) return;
      if (leg.peer !== undefined) unbridge(leg);
      leg.output.setMode({ kind: 'music' });
      const sentences = waitingAnnouncementSentences(announcement);
      if (leg.waiting && leg.waiting.sentences.join(' ') === sentences.join(' ')) return;
      if (leg.waiting) deps.timers.clearTimeout(leg.waiting.timer);
      leg.waiting = { sentences, language: announcement.language, timer: undefined };
      announce(leg);
    },

    async say(id: TLegId, text: string, language: TLanguage): Promise<void> {
      const leg = get(id);
      if (!leg) return;
      const prompt = await deps.speak([text], language);
      if (!legs.has(id)) return;
      await leg.output.say(prompt);
    },

    bridge,

    hold(id: TLegId): void {
      const leg = get(id);
      if (!leg) return;
      const peer = leg.peer;
      unbridge(leg);
      leg.heldPeer = peer;
      leg.output.setMode({ kind: 'music' });
    },

    resume(id: TLegId): void {
      const leg = get(id);
      const peer = leg?.heldPeer;
      if (!leg || peer === undefined || !legs.has(peer)) return;
      bridge(id, peer);
    },

    hangup(id: TLegId): void {
      const leg = get(id);
      if (!leg) return;
      leg.end();
      forget(leg, 'local');
    },

    stats: () => ({ legs: legs.size }),
  };
}

export type AcdLegs = ReturnType<typeof createAcdLegs>;
