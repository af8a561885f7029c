import type { TLanguage } from '../../shared/common.ts';

/**
 * What the operators' queues (the ACD) ask of the phone line, and what the line tells them.
 * The native SIP line implements it (src/server/phone-line/); unit tests of the ACD use a fake.
 * A leg is one party's side of a call, named by a string the line chooses (the caller's leg is
 * the call record's id). The ACD never sees SIP or RTP.
 */
export type TLegId = string;

export type TRingFailure = 'no_answer' | 'busy' | 'rejected' | 'unregistered' | 'unreachable' | 'cancelled';

export interface TRingHandlers {
  /** The far end answered (200 OK acknowledged); its leg is live, hearing silence until bridged. */
  answered(leg: TLegId): void;
  failed(reason: TRingFailure): void;
}

export interface TRingHandle {
  /** Stops ringing (CANCEL); `failed('cancelled')` follows unless it had already answered or failed. */
  cancel(): void;
}

export interface TRingAgentRequest {
  /** The operator's SIP extension (registered to the line's registrar). */
  extension: string;
  /** Shown on the operator's phone. */
  callerId: string;
  callerName?: string;
  timeoutMs: number;
}

export interface TDialOutRequest {
  tenantId: string;
  /** E.164 number to dial through the tenant's trunk (callbacks). */
  number: string;
  /** The tenant's line, presented as caller ID. */
  callerId: string;
  timeoutMs: number;
}

export interface TWaitingAnnouncement {
  language: TLanguage;
  /** 1-based place in the queue. */
  position: number;
  estimatedWaitSeconds: number | undefined;
  /** When set, the caller is told "press 1 to be called back" and digit 1 is reported. */
  offerCallback: boolean;
}

export interface AcdTelephony {
  ringAgent(request: TRingAgentRequest, handlers: TRingHandlers): TRingHandle;
  dialOut(request: TDialOutRequest, handlers: TRingHandlers): TRingHandle;
  /** Hold music on a waiting caller's leg, with the announcement repeated periodically; call again to update it. */
  startWaiting(leg: TLegId, announcement: TWaitingAnnouncement): void;
  /** Speaks a sentence on a leg (e.g. the recording notice, "we will call you back"); resolves when played. */
  say(leg: TLegId, text: string, language: TLanguage): Promise<void>;
  /** Relays media between two live legs (both ways, DTMF included); stops any waiting music on them. */
  bridge(a: TLegId, b: TLegId, options?: { record?: { tenantId: string; queueCallId: string } }): void;
  /** Breaks a bridge: `leg` hears hold music, its peer hears silence, until `resume` or another bridge. */
  hold(leg: TLegId): void;
  resume(leg: TLegId): void;
  hangup(leg: TLegId): void;
  /** Whether an extension currently has a live registration. */
  isRegistered(extension: string): boolean;
}

/** What the line reports to the ACD. */
export interface AcdTelephonyEvents {
  legEnded(leg: TLegId, by: 'remote' | 'local'): void;
  digit(leg: TLegId, digit: string): void;
  registrationChanged(extension: string, registered: boolean): void;
}

/** What the IVR hands over when a caller asks for a person (the flow's transfer node). */
export interface TEnqueueRequest {
  tenantId: string;
  /** The queue named by the flow's transfer node (`default` in the demo flow). */
  queueName: string;
  /** The caller's leg: the call record's id. */
  leg: TLegId;
  callerId: string;
  language: TLanguage;
  /** Everything the IVR collected: intake values, the case it opened or found, the menu path. */
  context: {
    intake: Record<string, unknown>;
    caseId?: string;
    caseReference?: string;
    customerId?: string;
    path: string[];
  };
}

/**
 * The ACD as the phone line sees it. The line is started first; the composition root then
 * connects the ACD with `phoneLine.connectAcd(entry)`. Until then (or if `enqueue` answers
 * false) a transfer takes the flow's fallback.
 */
export interface AcdEntry extends AcdTelephonyEvents {
  enqueue(request: TEnqueueRequest): Promise<boolean>;
}
