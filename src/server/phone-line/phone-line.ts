import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { AcdEntry } from '../acd/acd-telephony.ts';
import type { Logger } from '../platform/logger.ts';
import { createTtlCache } from '../platform/ttl-cache.ts';
import { decodeALaw, decodeMuLaw } from '../telephony/media/g711.ts';
import { createMediaScheduler } from '../telephony/media/media-scheduler.ts';
import { createEspeakSynthesizer } from '../telephony/prompts/espeak-synthesizer.ts';
import { createTextToSpeech } from '../telephony/prompts/text-to-speech.ts';
import { createRtpPortPool } from '../telephony/rtp/rtp-port-pool.ts';
import { createDigestServer } from '../telephony/sip/sip-digest.ts';
import { createSipTransport } from '../telephony/sip/sip-transport.ts';
import { createSipUserAgent } from '../telephony/sip/sip-user-agent.ts';
import type { TrunkRepository, TrunkRow } from '../trunks/trunk-repository.ts';
import { sipRealm } from '../trunks/manage-trunks.ts';
import { runCallSession } from './call-session.ts';
import type { DeskEffectDeps } from './desk-effects.ts';
import { createPromptRenderer } from './prompt-renderer.ts';
import { createInviteScreener } from './screen-invite.ts';
import { startTrunkRegistrations } from './trunk-registrations.ts';
import { startOperatorPhones } from './operator-phones.ts';

export interface PhoneLineOptions {
  sipHost: string;
  sipPort: number;
  rtpPorts: { low: number; high: number };
  /** The address peers must send media and requests to; derived from the host when not given. */
  advertisedAddress?: string;
  dataDir: string | undefined;
  answerDelayMs?: number;
  rtpInactivityMs?: number;
}

/** The address written into SDP and Contact: the bound one, or this machine's first external IPv4. */
export function chooseAdvertisedAddress(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return external?.address ?? '127.0.0.1';
}

/**
 * The native SIP line: a user agent on SIP_HOST:SIP_PORT (UDP and TCP) that screens each
 * INVITE (trunks, dialled line), then runs the tenant's phone menu with one media scheduler for
 * every call.
 */
export async function startPhoneLine(desk: DeskEffectDeps & { trunks: TrunkRepository }, log: Logger, options: PhoneLineOptions) {
  const advertised = options.advertisedAddress ?? chooseAdvertisedAddress(options.sipHost);
  const scheduler = createMediaScheduler({ onTickError: (error) => log.error('media tick failed', { error }) });
  const ports = createRtpPortPool({ host: options.sipHost === '::' ? '0.0.0.0' : options.sipHost, minPort: options.rtpPorts.low, maxPort: options.rtpPorts.high });
  const synthesizer = createEspeakSynthesizer();
  const tts = createTextToSpeech({
    synthesizer,
    cacheDir: options.dataDir ? join(options.dataDir, 'prompts') : undefined,
    onCacheError: (error) => log.warn('prompt cache', { error }),
  });
  const renderPrompt = createPromptRenderer(tts, async (id) => {
    const recording = await desk.calls.findRecording(id);
    if (!recording) return undefined;
    const audio = new Uint8Array(recording.audio);
    if (recording.encoding === 'pcmu') return decodeMuLaw(audio);
    if (recording.encoding === 'pcma') return decodeALaw(audio);
    return new Int16Array(audio.buffer.slice(audio.byteOffset, audio.byteOffset + audio.byteLength));
  });
  const screener = createInviteScreener({
    tenants: desk.tenants,
    trunks: desk.trunks,
    trunkCache: createTtlCache<TrunkRow[]>(5_000),
    digest: createDigestServer({ realm: sipRealm, secret: randomBytes(32), now: () => Date.now() }),
    log,
  });
  const transport = createSipTransport({ host: options.sipHost, udpPort: options.sipPort, log });
  const activeCalls = new Set<Promise<void>>();
  // The user agent needs the registrar at once and the operators' side needs the user agent: tied after both exist.
  let operators: Awaited<ReturnType<typeof startOperatorPhones>> | undefined;
  const ua = createSipUserAgent({
    onRegister: (request, source) =>
      operators ? operators.registrar.handleRegister(request, source) : Promise.resolve({ status: 503, reason: 'Service Unavailable', headers: [] }),
    transport,
    log,
    advertisedHost: advertised,
    productName: 'Centralita',
    onInvite: (request, source) => screener.screen(request, source),
    onCall: (call) => {
      const screened = screener.take(call.callId);
      if (!screened) {
        call.reject(500, 'Server Internal Error');
        return;
      }
      const session = runCallSession(
        {
          desk, log, scheduler, ports, renderPrompt, mediaAddress: advertised, answerDelayMs: options.answerDelayMs ?? 400,
          rtpInactivityMs: options.rtpInactivityMs ?? 30_000, ...(operators ? { handOver: operators.handOver } : {}),
        },
        call,
        screened,
      ).catch((error: unknown) => {
        log.error('call failed', { error, sipCallId: call.callId });
        if (call.state === 'offered') call.reject(500, 'Server Internal Error');
        else void call.hangup();
      });
      activeCalls.add(session);
      void session.finally(() => activeCalls.delete(session));
    },
  });
  operators = await startOperatorPhones({
    desk, ua, ports, scheduler, renderPrompt, log, mediaAddress: advertised, rtpInactivityMs: options.rtpInactivityMs ?? 30_000,
  });
  const bound = await ua.start();
  scheduler.start();
  const registrations = await startTrunkRegistrations(desk.trunks, ua, log, `sip:centralita@${advertised}:${bound.udpPort}`);
  log.info('sip listening', { host: options.sipHost, udpPort: bound.udpPort, tcpPort: bound.tcpPort, advertised });

  return {
    sipPort: bound.udpPort,
    tcpPort: bound.tcpPort,
    stats: () => ({ sip: ua.stats(), media: scheduler.stats(), rtpPortsInUse: ports.inUse, acdLegs: operators?.legs.stats().legs ?? 0 }),
    /** What the operators' queues ask of the line (ring, bridge, wait, hold). */
    acdTelephony: operators.acdTelephony,
    /** Connects the ACD once it is built: transfers reach it, and legs and registrations are reported to it. */
    connectAcd: (entry: AcdEntry) => operators?.connect(entry),
    /** Registration state of an operator's phone, for the console. */
    registrationOf: (extension: string) => operators!.registrar.statusOf(extension),
    async stop() {
      operators?.stop();
      await registrations.stop();
      await ua.stop();
      scheduler.stop();
      await Promise.allSettled([...activeCalls]);
      await tts.close();
    },
  };
}

export type PhoneLine = Awaited<ReturnType<typeof startPhoneLine>>;
