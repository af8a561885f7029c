import { randomUUID } from 'node:crypto';
import type { AcdEntry, AcdTelephony, TDialOutRequest, TRingAgentRequest, TRingFailure, TRingHandlers } from '../acd/acd-telephony.ts';
import type { Registrar } from '../registrar/registrar.ts';
import { parseSipUri } from '../telephony/sip/sip-address.ts';
import { uriDestination } from '../telephony/sip/sip-routing.ts';
import type { SipTimers } from '../telephony/sip/sip-timers.ts';
import type { SipDestination } from '../telephony/sip/sip-transport-types.ts';
import type { TrunkRepository } from '../trunks/trunk-repository.ts';
import type { AcdLegs } from './acd-legs.ts';
import { placeLeg, type AnsweredLeg, type PlaceLegDeps } from './place-leg.ts';

export interface AcdLineDeps extends PlaceLegDeps {
  legs: AcdLegs;
  registrar: Registrar;
  trunks: Pick<TrunkRepository, 'listTrunks'>;
  timers: SipTimers;
  /** The desk's SIP domain, the host of operators' addresses of record. */
  domain: string;
}

/** Which reason wins when every forked branch failed: the one that says most about the operator's phone. */
const FAILURE_RANK: TRingFailure[] = ['busy', 'rejected', 'no_answer', 'unreachable', 'unregistered', 'cancelled'];

/**
 * The native line's side of the operators' queues (`AcdTelephony`): rings operators' registered phones
 * (every contact at once; the first to answer wins, the others are cancelled), dials callers back through
 * the provider trunk, and hands every answered leg to the leg media (waiting, bridges, hold).
 */
export function createAcdLine(deps: AcdLineDeps): AcdTelephony & { connect(entry: AcdEntry): void } {
  const { legs } = deps;

  function adoptAnswered(answered: AnsweredLeg, handlers: TRingHandlers): void {
    const id = `leg-${randomUUID()}`;
    legs.adopt(id, answered.rtp, answered.hangup);
    answered.onRemoteEnd(() => legs.remoteEnded(id));
    handlers.answered(id);
  }

  /** Rings several targets at once with one timeout; exactly one of answered/failed is reported. */
  function ring(
    targets: Array<{ uri: string; destination: SipDestination; credentials?: { username: string; password: string } }>,
    request: { to: string; from: { user: string; displayName?: string }; timeoutMs: number },
    handlers: TRingHandlers,
  ) {
    let done = false;
    const failures: TRingFailure[] = [];
    const branches: Array<{ cancel(): void }> = [];
    targets.forEach((target, index) => {
      branches[index] = placeLeg(
        deps,
        { target: target.uri, destination: target.destination, to: request.to, from: request.from, ...(target.credentials ? { credentials: target.credentials } : {}) },
        {
          answered(answered) {
            if (done) return answered.hangup();
            finish();
            branches.forEach((other, i) => i !== index && other.cancel());
            adoptAnswered(answered, handlers);
          },
          failed(reason) {
            failures.push(reason);
            if (done || failures.length < targets.length) return;
            finish();
            handlers.failed(FAILURE_RANK.find((r) => failures.includes(r)) ?? reason);
          },
        },
      );
    });
    const timer = deps.timers.setTimeout(() => {
      if (done) return;
      finish();
      for (const b of branches) b.cancel();
      handlers.failed('no_answer');
    }, request.timeoutMs);
    function finish() {
      done = true;
      deps.timers.clearTimeout(timer);
    }
    return {
      cancel() {
        if (done) return;
        finish();
        for (const b of branches) b.cancel();
        handlers.failed('cancelled');
      },
    };
  }

  const failLater = (handlers: TRingHandlers, reason: TRingFailure) => {
    queueMicrotask(() => handlers.failed(reason));
    return { cancel: () => undefined };
  };

  return {
    connect(entry) {
      legs.connect(entry);
    },

    ringAgent(request: TRingAgentRequest, handlers: TRingHandlers) {
      const targets = deps.registrar.contactsOf(request.extension).flatMap((binding) => {
        const uri = parseSipUri(binding.contact);
        const byUri = uri && uriDestination(uri);
        if (!byUri) return [];
        // A phone registered over TCP is reached on the connection it opened (it may accept no other).
        const destination: SipDestination = binding.connection && !binding.connection.closed
          ? { transport: 'tcp', address: binding.sourceAddress, port: binding.sourcePort, connection: binding.connection }
          : byUri;
        return [{ uri: binding.contact, destination }];
      });
      if (targets.length === 0) return failLater(handlers, 'unregistered');
      return ring(targets, {
        to: `sip:${request.extension}@${deps.domain}`,
        from: { user: request.callerId.replace(/[^0-9A-Za-z+*#._-]/g, '') || 'anonymous', ...(request.callerName ? { displayName: request.callerName } : {}) },
        timeoutMs: request.timeoutMs,
      }, handlers);
    },

    dialOut(request: TDialOutRequest, handlers: TRingHandlers) {
      let inner: { cancel(): void } | undefined;
      let cancelled = false;
      deps.trunks.listTrunks().then(
        (trunks) => {
          if (cancelled) return;
          // Trunks belong to the desk, not to a tenant: callbacks leave through the provider we register with.
          const trunk = trunks.find((t) => t.enabled && t.registerUri);
          const provider = trunk?.registerUri ? parseSipUri(trunk.registerUri) : undefined;
          const destination = provider && uriDestination(provider);
          const number = request.number.replace(/[^0-9+]/g, '');
          if (!trunk || !provider || !destination || number === '') return handlers.failed('unreachable');
          const uri = `sip:${number}@${provider.host}${provider.port ? `:${provider.port}` : ''}`;
          const credentials = trunk.registerUsername && trunk.registerPassword ? { username: trunk.registerUsername, password: trunk.registerPassword } : undefined;
          inner = ring([{ uri, destination, ...(credentials ? { credentials } : {}) }], {
            to: uri, from: { user: request.callerId.replace(/[^0-9+]/g, '') || 'anonymous' }, timeoutMs: request.timeoutMs,
          }, handlers);
        },
        () => handlers.failed('unreachable'),
      );
      return {
        cancel() {
          if (inner) return inner.cancel();
          if (cancelled) return;
          cancelled = true;
          handlers.failed('cancelled');
        },
      };
    },

    startWaiting: (leg, announcement) => legs.startWaiting(leg, announcement),
    say: (leg, text, language) => legs.say(leg, text, language),
    bridge: (a, b, options) => legs.bridge(a, b, options?.record),
    hold: (leg) => legs.hold(leg),
    resume: (leg) => legs.resume(leg),
    hangup: (leg) => legs.hangup(leg),
    isRegistered: (extension) => deps.registrar.isRegistered(extension),
  };
}
