import { randomInt } from 'node:crypto';
import type { TRingFailure } from '../acd/acd-telephony.ts';
import type { Logger } from '../platform/logger.ts';
import type { MediaScheduler } from '../telephony/media/media-scheduler.ts';
import type { RtpPortPool } from '../telephony/rtp/rtp-port-pool.ts';
import { createRtpSession, type RtpSession } from '../telephony/rtp/rtp-session.ts';
import { buildSdp, negotiateAudio, parseSdp } from '../telephony/sip/sdp.ts';
import type { OutgoingFailure } from '../telephony/sip/sip-outgoing-call.ts';
import type { OutgoingCallRequest, SipUserAgent } from '../telephony/sip/sip-user-agent.ts';

export interface PlaceLegDeps {
  ua: SipUserAgent;
  ports: RtpPortPool;
  scheduler: MediaScheduler;
  mediaAddress: string;
  rtpInactivityMs: number;
  log: Logger;
}

/** An answered outgoing leg: its media and how to end it. */
export interface AnsweredLeg {
  rtp: RtpSession;
  hangup(): void;
  /** Called once when the far end hangs up. */
  onRemoteEnd(listener: () => void): void;
}

export interface PlaceLegHandlers {
  answered(leg: AnsweredLeg): void;
  failed(reason: TRingFailure): void;
}

const TELEPHONE_EVENT_PT = 101;

const ringFailure: Record<OutgoingFailure, TRingFailure> = {
  busy: 'busy',
  declined: 'rejected',
  rejected: 'rejected',
  unauthorized: 'rejected',
  timeout: 'no_answer',
  unreachable: 'unreachable',
  cancelled: 'cancelled',
};

/**
 * One outgoing leg with media: an RTP port is taken first so the offer can name it (PCMU, PCMA and
 * telephone-event), the INVITE goes out, and the answer's SDP sets up the session. Exactly one of
 * `answered` or `failed` is called; a leg that cannot carry audio is hung up and reported `unreachable`.
 */
export function placeLeg(
  deps: PlaceLegDeps,
  request: Omit<OutgoingCallRequest, 'sdpOffer' | 'from'> & { from: { user: string; displayName?: string } },
  handlers: PlaceLegHandlers,
): { cancel(): void } {
  let settled = false;
  let cancelled = false;
  let cancelCall: (() => void) | undefined;
  const settle = (fn: () => void) => {
    if (settled) return;
    settled = true;
    fn();
  };

  deps.ports.allocate().then(
    (lease) => {
      if (cancelled) {
        lease.release();
        return settle(() => handlers.failed('cancelled'));
      }
      const offer = buildSdp({
        address: deps.mediaAddress, port: lease.port, sessionId: String(randomInt(1, 2 ** 31)), sessionVersion: '1',
        codecs: [{ payloadType: 0, name: 'PCMU' }, { payloadType: 8, name: 'PCMA' }], telephoneEventPayloadType: TELEPHONE_EVENT_PT, ptime: 20,
      });
      const call = deps.ua.invite({ ...request, sdpOffer: offer });
      cancelCall = () => call.cancel();
      call.on('failed', ({ reason }) => {
        lease.release();
        settle(() => handlers.failed(ringFailure[reason]));
      });
      call.on('answered', ({ sdp }) => {
        const parsed = parseSdp(sdp);
        const media = parsed.ok ? negotiateAudio(parsed.value) : parsed;
        if (!media.ok || settled) {
          if (!media.ok) deps.log.warn('outgoing leg answered without usable audio', { reason: media.reason });
          call.hangup();
          lease.release();
          return settle(() => handlers.failed('unreachable'));
        }
        const rtp = createRtpSession({
          lease, remoteAddress: media.value.remoteAddress, remotePort: media.value.remotePort, codec: media.value.codec,
          ...(media.value.telephoneEventPayloadType === undefined ? {} : { telephoneEventPayloadType: media.value.telephoneEventPayloadType }),
          scheduler: deps.scheduler, inactivityTimeoutMs: deps.rtpInactivityMs,
        });
        const remoteEnd: Array<() => void> = [];
        call.on('ended', ({ reason }) => {
          rtp.close();
          if (reason === 'remote_bye') for (const listener of remoteEnd) listener();
        });
        settle(() =>
          handlers.answered({
            rtp,
            hangup: () => {
              call.hangup();
              rtp.close();
            },
            onRemoteEnd: (listener) => void remoteEnd.push(listener),
          }),
        );
      });
    },
    (error: unknown) => {
      deps.log.error('no media port for an outgoing leg', { error });
      settle(() => handlers.failed('unreachable'));
    },
  );

  return {
    cancel() {
      if (settled) return;
      cancelled = true;
      // Reported at once: without a provisional the CANCEL waits, and a 200 crossing it is ended with a BYE.
      cancelCall?.();
      settle(() => handlers.failed('cancelled'));
    },
  };
}
