import { randomBytes } from 'node:crypto';
import type { AcdEntry } from '../acd/acd-telephony.ts';
import { createCallRepository } from '../calls/call-repository.ts';
import type { Logger } from '../platform/logger.ts';
import { createRegistrar } from '../registrar/registrar.ts';
import { createSipAccountRepository } from '../registrar/sip-account-repository.ts';
import type { MediaScheduler } from '../telephony/media/media-scheduler.ts';
import { generateHoldMusic } from '../telephony/prompts/hold-music.ts';
import type { RtpPortPool } from '../telephony/rtp/rtp-port-pool.ts';
import { createDigestServer } from '../telephony/sip/sip-digest.ts';
import { systemSipTimers } from '../telephony/sip/sip-timers.ts';
import type { SipUserAgent } from '../telephony/sip/sip-user-agent.ts';
import { sipRealm } from '../trunks/manage-trunks.ts';
import type { TrunkRepository } from '../trunks/trunk-repository.ts';
import { createAcdLegs } from './acd-legs.ts';
import { createAcdLine } from './acd-line.ts';
import type { DeskEffectDeps } from './desk-effects.ts';
import type { PromptRenderer } from './prompt-renderer.ts';
import { createQueueHandover } from './queue-handover.ts';

export interface OperatorPhonesDeps {
  desk: DeskEffectDeps & { trunks: TrunkRepository };
  ua: SipUserAgent;
  ports: RtpPortPool;
  scheduler: MediaScheduler;
  renderPrompt: PromptRenderer;
  log: Logger;
  mediaAddress: string;
  rtpInactivityMs: number;
}

const SWEEP_MS = 5_000;

/**
 * The operators' side of the line: the registrar their phones register with (bindings reloaded from the
 * database, so a restart keeps them), the `AcdTelephony` the queues drive, and the hand-over from the IVR.
 */
export async function startOperatorPhones(deps: OperatorPhonesDeps) {
  const { desk, log } = deps;
  let acd: AcdEntry | undefined;
  // Its own secret: nonces given to phones are worthless to a trunk and the other way round.
  const digestSecret = randomBytes(32);
  const now = () => desk.clock.now().getTime();
  const registrar = createRegistrar({
    db: desk.db,
    accounts: createSipAccountRepository(desk.db),
    digest: createDigestServer({ realm: sipRealm, secret: digestSecret, now }),
    md5OnlyDigest: createDigestServer({ realm: sipRealm, secret: digestSecret, now, algorithms: ['MD5'] }),
    clock: desk.clock,
    log: log.child({ part: 'registrar' }),
    onRegistrationChanged: (extension, registered) => {
      log.info('operator phone registration changed', { extension, registered });
      acd?.registrationChanged(extension, registered);
    },
  });
  const restored = await registrar.load();
  if (restored) log.info('operator phone bindings restored', { count: restored });
  const sweep = setInterval(() => registrar.sweep(), SWEEP_MS);
  sweep.unref();

  const legs = createAcdLegs({
    holdMusic: generateHoldMusic(),
    speak: (sentences, language) => deps.renderPrompt(sentences.map((text) => ({ kind: 'tts', text, language }))),
    storeRecording: async (recording) => {
      await desk.db.transaction((tx) =>
        createCallRepository(tx).insertRecording({
          tenantId: recording.tenantId, callId: recording.callId ?? null, caseId: null, kind: 'call', encoding: 'pcmu', sampleRate: 8000,
          durationMs: recording.durationMs, audio: recording.audio, name: `queue-call:${recording.queueCallId}`,
        }),
      );
    },
    timers: systemSipTimers,
    log: log.child({ part: 'acd-legs' }),
  });
  const acdTelephony = createAcdLine({
    ua: deps.ua, ports: deps.ports, scheduler: deps.scheduler, mediaAddress: deps.mediaAddress, rtpInactivityMs: deps.rtpInactivityMs,
    log: log.child({ part: 'acd-line' }), legs, registrar, trunks: desk.trunks, timers: systemSipTimers, domain: sipRealm,
  });
  const handOver = createQueueHandover(legs, () => acd, log);

  return {
    registrar,
    legs,
    acdTelephony,
    handOver,
    connect(entry: AcdEntry) {
      acd = entry;
      acdTelephony.connect(entry);
    },
    stop() {
      clearInterval(sweep);
    },
  };
}
