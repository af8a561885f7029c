import type { Logger } from '../platform/logger.ts';
import { createSipRegistration, type SipRegistration } from '../telephony/sip/sip-registration.ts';
import { systemSipTimers } from '../telephony/sip/sip-timers.ts';
import type { SipUserAgent } from '../telephony/sip/sip-user-agent.ts';
import type { TrunkRepository } from '../trunks/trunk-repository.ts';

/** Registers with each provider that asks for it, so the provider's numbers ring this desk. */
export async function startTrunkRegistrations(trunks: TrunkRepository, ua: SipUserAgent, log: Logger, contact: string) {
  const registrations: SipRegistration[] = [];
  for (const trunk of await trunks.listTrunks()) {
    if (!trunk.enabled || !trunk.registerUri || !trunk.registerUsername || !trunk.registerPassword) continue;
    const registration = createSipRegistration({
      send: (request) => ua.request(request),
      timers: systemSipTimers,
      log: log.child({ trunk: trunk.name }),
      registrar: trunk.registerUri,
      username: trunk.registerUsername,
      password: trunk.registerPassword,
      contact,
      expires: trunk.registerExpires,
    });
    registration.on('registered', ({ expires }) => log.info('trunk registered', { trunk: trunk.name, expires }));
    registration.on('failed', ({ status, reason, retryInMs }) => log.warn('trunk registration failed', { trunk: trunk.name, status, reason, retryInMs }));
    registration.start();
    registrations.push(registration);
  }
  return {
    async stop() {
      await Promise.allSettled(registrations.map((r) => r.stop()));
    },
  };
}
