import type { AcdEntry, TEnqueueRequest } from '../acd/acd-telephony.ts';
import type { Logger } from '../platform/logger.ts';
import type { RtpSession } from '../telephony/rtp/rtp-session.ts';
import type { AcdLegs } from './acd-legs.ts';

export interface HandedOverCall {
  /** True once a queue took the caller; false gives the call back to the IVR. */
  readonly accepted: Promise<boolean>;
  /** What the call record says: waited in a queue, then talked to an operator. */
  readonly outcome: 'queued' | 'answered_by_operator';
  /** The caller hung up (or the line ended the call): the ACD hears `legEnded(leg, 'remote')`. */
  callerGone(): void;
  /** A key the caller's phone sent by SIP INFO while queued (RFC 4733 keys reach the ACD from the media). */
  signalledDigit(digit: string): void;
}

export type HandOver = (input: { request: TEnqueueRequest; rtp: RtpSession; end(): void }) => HandedOverCall;

/**
 * The IVR's transfer node meeting the ACD: the caller's media is adopted first (the ACD may start the
 * waiting music from inside `enqueue`), then the ACD is asked; a refusal gives the media back to the IVR,
 * which takes the flow's fallback. Without a connected ACD every transfer is refused.
 */
export function createQueueHandover(legs: AcdLegs, entry: () => AcdEntry | undefined, log: Logger): HandOver {
  return ({ request, rtp, end }) => {
    const acd = entry();
    let outcome: HandedOverCall['outcome'] = 'queued';
    if (acd) legs.adopt(request.leg, rtp, end, { callRecordId: request.leg, onBridged: () => (outcome = 'answered_by_operator') });
    const accepted = (async () => {
      if (!acd) return false;
      let taken = false;
      try {
        taken = await acd.enqueue(request);
      } catch (error) {
        log.error('the queues refused a caller with an error', { error, leg: request.leg });
      }
      if (!taken) legs.release(request.leg);
      return taken;
    })();
    return {
      accepted,
      get outcome() {
        return outcome;
      },
      callerGone: () => legs.remoteEnded(request.leg),
      signalledDigit: (digit) => legs.signalledDigit(request.leg, digit),
    };
  };
}
