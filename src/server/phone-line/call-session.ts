import { randomInt } from 'node:crypto';
import type { TIvrFlow } from '../../shared/ivr-flow.ts';
import { finishCallRecord, markCallAnswered, saveCallProgress, startCallRecord } from '../calls/record-call.ts';
import type { Logger } from '../platform/logger.ts';
import { findE164 } from '../phones/normalise-phone.ts';
import { isOpenAt } from '../tenants/business-hours.ts';
import type { MediaScheduler } from '../telephony/media/media-scheduler.ts';
import type { RtpPortPool } from '../telephony/rtp/rtp-port-pool.ts';
import { createRtpSession, type RtpSession } from '../telephony/rtp/rtp-session.ts';
import { buildSdp, negotiateAudio, parseSdp } from '../telephony/sip/sdp.ts';
import type { IncomingCall } from '../telephony/sip/sip-user-agent.ts';
import { createDeskEffects, type DeskEffectDeps } from './desk-effects.ts';
import { createIvrRunner } from './ivr-runner.ts';
import type { PromptRenderer } from './prompt-renderer.ts';
import type { HandedOverCall, HandOver } from './queue-handover.ts';
import type { ScreenedCall } from './screen-invite.ts';
import { voicemailOnlyFlow } from './voicemail-flow.ts';
import { loadCallKnowledge } from './load-call-knowledge.ts';

export interface CallSessionDeps {
  desk: DeskEffectDeps;
  log: Logger;
  scheduler: MediaScheduler;
  ports: RtpPortPool;
  renderPrompt: PromptRenderer;
  mediaAddress: string;
  /** The line rings this long before answering (a CANCEL in that time is honoured). */
  answerDelayMs: number;
  rtpInactivityMs: number;
  onCallEnded?: (callId: string) => void;
  /** The operators' queues, when the desk runs them: the flow's transfer node hands the caller over. */
  handOver?: HandOver;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One inbound call from INVITE to BYE: media negotiated, the call on record before it is
 * answered, the tenant's published flow run against the caller's keys, the record closed.
 */
export async function runCallSession(deps: CallSessionDeps, call: IncomingCall, screened: ScreenedCall): Promise<void> {
  const { tenant, line } = screened;
  const offer = parseSdp(call.sdpOffer);
  const media = offer.ok ? negotiateAudio(offer.value) : offer;
  if (!media.ok) {
    call.reject(488, 'Not Acceptable Here');
    return;
  }
  const callerPhone = call.callerId ? (findE164(call.callerId, tenant.country) ?? null) : null;
  const log = deps.log.child({ sipCallId: call.callId, tenantId: tenant.id });
  const callId = await startCallRecord(deps.desk, {
    tenantId: tenant.id, lineId: line.id, trunkId: screened.trunkId, sipCallId: call.callId, direction: 'inbound',
    callerId: callerPhone ?? call.callerId ?? 'anonymous', callerName: call.callerName ?? '', dialled: line.number, language: tenant.language,
  });
  log.info('call offered', { callId, line: line.number });
  call.ringing();

  let rtp: RtpSession | undefined;
  let finished = false;
  let runner: ReturnType<typeof createIvrRunner> | undefined;
  let caseReference: string | undefined;
  /** Set while the queues hold the caller: the IVR no longer hears the keys. */
  let queued: HandedOverCall | undefined;
  const effects = createDeskEffects(deps.desk, { id: callId, tenant, callerPhone }, () => ({
    path: runner?.state.path ?? [],
    digits: runner?.state.digits ?? '',
  }));

  const finish = async (reason: string) => {
    if (finished) return;
    finished = true;
    runner?.hangup();
    queued?.callerGone();
    rtp?.close();
    const outcome = queued?.outcome ?? runner?.outcome ?? 'abandoned';
    try {
      await finishCallRecord(deps.desk, callId, {
        path: runner?.state.path ?? [], digits: runner?.state.digits ?? '', caseId: effects.caseId, outcome, reason,
      });
    } catch (error) {
      log.error('call record not closed', { error, callId });
    }
    try {
      // What the menu achieved, before any queue: a caller handed to an operator was escalated.
      await effects.recordKnowledgeUses(runner?.state.kbUses ?? [], runner?.outcome ?? 'abandoned');
    } catch (error) {
      log.error('knowledge uses not recorded', { error, callId });
    }
    log.info('call ended', { callId, reason, outcome });
    deps.onCallEnded?.(callId);
  };

  call.on('ended', ({ reason }) => void finish(reason));

  try {
    const lease = await deps.ports.allocate();
    rtp = createRtpSession({
      lease, remoteAddress: media.value.remoteAddress, remotePort: media.value.remotePort, codec: media.value.codec,
      telephoneEventPayloadType: media.value.telephoneEventPayloadType, scheduler: deps.scheduler, inactivityTimeoutMs: deps.rtpInactivityMs,
    });
  } catch (error) {
    log.error('no media port for the call', { error });
    call.reject(503, 'Service Unavailable');
    await finish('no_media');
    return;
  }
  await wait(deps.answerDelayMs);
  if (finished || call.state !== 'offered') return;
  const answer = buildSdp({
    address: deps.mediaAddress, port: rtp.localPort, sessionId: String(randomInt(1, 2 ** 31)), sessionVersion: '1',
    codecs: [media.value.codec], telephoneEventPayloadType: media.value.telephoneEventPayloadType, ptime: 20,
  });
  if (!call.answer(answer)) return;
  await markCallAnswered(deps.desk, callId);

  const protocol = await deps.desk.protocols.findInForce(tenant.id);
  const flow: TIvrFlow = protocol?.flow ?? voicemailOnlyFlow;
  // Without its help content the menu still works: the knowledge nodes take their fallbacks.
  const knowledge = await loadCallKnowledge(deps.desk.knowledge, tenant.id, tenant.language, flow).catch((error: unknown) => {
    log.error('knowledge not loaded for the call', { error, callId });
    return { articles: {}, trees: {} };
  });
  const session = rtp;
  runner = createIvrRunner(
    flow,
    {
      language: tenant.language,
      intakeSchema: protocol?.intakeSchema ?? { fields: [] },
      isOpen: isOpenAt(tenant.businessHours, tenant.timeZone, deps.desk.clock.now()),
      variables: { tenantName: tenant.name },
      knowledge,
    },
    {
      play: (prompt) => {
        let stopped = false;
        let handle: { stop(): void } | undefined;
        const done = deps.renderPrompt(prompt).then((audio) => {
          if (stopped || finished) return 'stopped' as const;
          const playing = session.play(audio);
          handle = playing;
          return playing.done;
        });
        return { done, stop: () => ((stopped = true), handle?.stop()) };
      },
      setTimer: (seconds, fire) => {
        const timer = setTimeout(fire, seconds * 1000);
        return () => clearTimeout(timer);
      },
      identifyCaller: () => effects.identifyCaller(),
      lookupCase: async (reference) => {
        const found = await effects.lookupCase(reference);
        // The case the caller asked about goes to the operator with the call.
        if (found) caseReference = reference;
        return found;
      },
      createCase: async (intake, assetId) => {
        const created = await effects.createCase(intake, assetId);
        caseReference = created.reference;
        return created;
      },
      record: (maxSeconds) => {
        const recording = session.startRecording({ maxDurationMs: maxSeconds * 1000 });
        // The recorder counts received audio; a caller whose phone sends nothing is stopped by the clock.
        const guard = setTimeout(() => recording.stop(), maxSeconds * 1000 + 500);
        const done = recording.done.then((r) => {
          clearTimeout(guard);
          return effects.storeVoicemail(r.samples);
        });
        return { stop: () => recording.stop(), done };
      },
      transfer: async (queueName, intake) => {
        if (!deps.handOver || finished) return false;
        const handed = deps.handOver({
          request: {
            tenantId: tenant.id, queueName, leg: callId, callerId: callerPhone ?? call.callerId ?? 'anonymous', language: tenant.language,
            context: {
              intake, path: (runner?.state.path ?? []).map((step) => step.node),
              ...(effects.caseId ? { caseId: effects.caseId } : {}), ...(caseReference ? { caseReference } : {}), ...(effects.customerId ? { customerId: effects.customerId } : {}),
            },
          },
          rtp: session,
          end: () => void call.hangup(),
        });
        queued = handed;
        const taken = await handed.accepted;
        if (!taken) queued = undefined;
        else await saveCallProgress(deps.desk, callId, { path: runner?.state.path ?? [], digits: runner?.state.digits ?? '', caseId: effects.caseId, outcome: 'queued' }).catch(
          (error: unknown) => log.warn('queued call progress not saved', { error, callId }),
        );
        return taken;
      },
      hangup: () => {
        void call.hangup();
      },
      onProgress: () => undefined,
      onError: (error) => log.error('ivr step failed', { error, callId }),
    },
  );
  session.on('dtmf', ({ digit }) => queued || runner?.digit(digit));
  call.on('dtmf', ({ digit }) => (queued ? queued.signalledDigit(digit) : runner?.digit(digit)));
  session.on('timeout', () => {
    log.warn('no media from the caller; hanging up', { callId });
    void call.hangup();
  });
  if (!finished) runner.start();
}
