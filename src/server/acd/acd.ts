import type { TSetAgentState, TTransferQueueCall } from '../../shared/api/operators.ts';
import { AppError } from '../platform/errors.ts';
import type { AcdEntry, AcdTelephony, TLegId } from './acd-telephony.ts';
import { createChange } from './acd-change.ts';
import type { AcdContext, AcdDeps, AcdState, LiveCall } from './acd-context.ts';
import { endConversation, releaseConsult } from './connect-calls.ts';
import { routeCalls } from './offer-calls.ts';
import { hangupCall, holdCall, resumeCall, setAgentState } from './operator-actions.ts';
import { recoverAcd, toLiveAgent } from './recover-acd.ts';
import { blindTransfer, cancelAttendedTransfer, completeAttendedTransfer, startAttendedTransfer } from './transfers.ts';
import { abandonCall, announceWaiting, enqueueCaller, requestCallback } from './waiting-callers.ts';
import { finishWrapUp } from './wrap-up.ts';

/**
 * The operators' queues (ACD): memory rebuilt from the database at start, every change written
 * before it is acted on, and one lane of changes so telephony events, timers and operators'
 * requests never interleave halfway.
 */
export function createAcd(deps: AcdDeps) {
  const state: AcdState = {
    agents: new Map(), calls: new Map(), queues: new Map(), legs: new Map(), roundRobin: new Map(), handleTimes: new Map(), nextToken: 0,
  };
  let telephony: AcdTelephony | undefined;
  let registrationDetails: ((extension: string) => TRegistrationDetails) | undefined;
  let lane: Promise<unknown> = Promise.resolve();
  let routingAsked = false;

  const ctx: AcdContext = {
    ...deps,
    state,
    telephony() {
      if (!telephony) throw new AppError('conflict', 'the queues are not connected to the phone line');
      return telephony;
    },
    serial<T>(fn: () => Promise<T>): Promise<T> {
      const run = lane.then(fn);
      lane = run.catch((error: unknown) => {
        if (!(error instanceof AppError)) deps.log.error('queue change failed', { error });
      });
      return run;
    },
    kick() {
      if (routingAsked) return;
      routingAsked = true;
      void ctx.serial(async () => {
        routingAsked = false;
        await routeCalls(ctx);
        announceWaiting(ctx);
      });
    },
  };

  async function legEnded(leg: TLegId): Promise<void> {
    const owner = state.legs.get(leg);
    if (!owner) return;
    state.legs.delete(leg);
    const call = state.calls.get(owner.queueCallId);
    if (!call) return;
    if (owner.role === 'consult') return consultLeft(call);
    if (call.status === 'connected') return endConversation(ctx, call, owner.role === 'caller' ? 'caller' : 'operator');
    if (owner.role === 'caller' && (call.status === 'waiting' || call.status === 'offered')) return abandonCall(ctx, call, 'caller_hangup');
    if (owner.role === 'agent' && call.status === 'callback_dialling') return callbackDroppedByOperator(call);
  }

  async function consultLeft(call: LiveCall): Promise<void> {
    if (!call.consult) return;
    call.consult.leg = undefined;
    const change = createChange(ctx);
    releaseConsult(ctx, call, change);
    await change.commit();
    ctx.kick();
  }

  /** The operator hung up while the customer was being dialled: the callback keeps its place. */
  async function callbackDroppedByOperator(call: LiveCall): Promise<void> {
    call.dial?.cancel();
    const agent = state.agents.get(call.agentUserId!);
    const change = createChange(ctx).patchCall(call.id, { status: 'callback_waiting', agentUserId: null });
    if (agent) change.agentState(agent, 'available', 'callback dropped by the operator');
    await change
      .after(() => {
        call.dial = undefined;
        call.agentLeg = undefined;
        call.agentUserId = undefined;
        call.status = 'callback_waiting';
      })
      .emit('queue.changed', { tenantId: call.tenantId })
      .commit();
    ctx.kick();
  }

  const entry: AcdEntry = {
    enqueue: (request) => ctx.serial(() => enqueueCaller(ctx, request)),
    legEnded: (leg) => void ctx.serial(() => legEnded(leg)),
    digit(leg, digit) {
      if (digit !== '1') return;
      void ctx.serial(async () => {
        const owner = state.legs.get(leg);
        const call = owner?.role === 'caller' ? state.calls.get(owner.queueCallId) : undefined;
        if (call) await requestCallback(ctx, call);
      });
    },
    registrationChanged(extension, registered) {
      void ctx.serial(async () => {
        for (const agent of state.agents.values()) {
          if (agent.extension !== extension || agent.registered === registered) continue;
          agent.registered = registered;
          deps.events.emit('agent.state_changed', {
            userId: agent.userId, state: agent.state, stateSince: agent.stateSince.toISOString(), reason: registered ? 'phone registered' : 'phone unregistered',
          });
        }
        ctx.kick();
      });
    },
  };

  /** Loads (or reloads) one operator's skills and extension, keeping their live state. */
  async function refreshAgent(userId: string): Promise<void> {
    const [row] = await deps.repo.listAgents(userId);
    const current = state.agents.get(userId);
    if (!row) {
      if (current && current.state === 'offline') state.agents.delete(userId);
      return;
    }
    const registered = row.extension ? (telephony?.isRegistered(row.extension) ?? false) : false;
    const fresh = toLiveAgent(row, row.state ?? 'offline', row.stateSince ?? deps.clock.now(), registered, current?.callsToday ?? 0);
    if (current) Object.assign(current, pickSkills(fresh));
    else state.agents.set(userId, fresh);
  }

  return {
    entry,
    state,
    /** Rebuilds from the database and starts routing; the line must be up so registrations are known. */
    async start(line: AcdTelephony, options: { registrationOf?: (extension: string) => TRegistrationDetails } = {}) {
      telephony = line;
      registrationDetails = options.registrationOf;
      const recovered = await ctx.serial(() => recoverAcd(ctx, (extension) => line.isRegistered(extension)));
      if (recovered.abandoned || recovered.callbacks || recovered.agentsReset) deps.log.warn('queues rebuilt after a restart', recovered);
      ctx.kick();
      return recovered;
    },
    /** The phone's registration for the console: the line's details when it gives them. */
    registrationOf(extension: string): TRegistrationDetails {
      return registrationDetails?.(extension) ?? { registered: telephony?.isRegistered(extension) ?? false };
    },
    stop() {
      for (const call of state.calls.values()) {
        call.ring?.cancelTimeout();
        call.cancelWrapUp?.();
        call.cancelCallbackOffer?.();
        call.consult?.cancelTimeout();
      }
    },
    /** Waits until every change asked for so far is done (tests, shutdown). */
    settle: () => ctx.serial(async () => {}).then(() => ctx.serial(async () => {})),
    refreshAgent: (userId: string) => ctx.serial(() => refreshAgent(userId)),
    reloadQueues: () =>
      ctx.serial(async () => {
        const queues = await deps.repo.listQueues();
        state.queues.clear();
        for (const queue of queues) state.queues.set(queue.id, queue);
        ctx.kick();
      }),
    setAgentState: (userId: string, input: TSetAgentState) => ctx.serial(() => setAgentState(ctx, userId, input)),
    hold: (userId: string, id: string) => ctx.serial(() => holdCall(ctx, userId, id)),
    resume: (userId: string, id: string) => ctx.serial(() => resumeCall(ctx, userId, id)),
    hangup: (userId: string, id: string) => ctx.serial(() => hangupCall(ctx, userId, id)),
    transfer: (userId: string, id: string, input: TTransferQueueCall) =>
      ctx.serial(async () => {
        if (input.mode === 'blind') return blindTransfer(ctx, userId, id, input);
        await startAttendedTransfer(ctx, userId, id, (input.to as { agentUserId: string }).agentUserId);
        return { queueCallId: id };
      }),
    completeTransfer: (userId: string, id: string) => ctx.serial(() => completeAttendedTransfer(ctx, userId, id)),
    cancelTransfer: (userId: string, id: string) => ctx.serial(() => cancelAttendedTransfer(ctx, userId, id)),
    /** Ends the operator's wrap-up early with a code; answers the stay's case, if any, for the notes. */
    wrapUp: (userId: string, id: string, outcome: { code: string; notes?: string }) =>
      ctx.serial(async () => {
        const call = state.calls.get(id);
        if (!call || call.agentUserId !== userId) throw new AppError('not_found', 'queue call not found');
        if (call.status !== 'wrap_up') throw new AppError('conflict', 'the call is not in wrap-up', [{ path: 'id', message: `the call is ${call.status}` }]);
        await finishWrapUp(ctx, id, outcome);
        return { caseId: call.caseId };
      }),
    /** Links the case the operator completed to the stay, so wrap-up notes land on its timeline. */
    linkCase: (id: string, caseId: string) =>
      ctx.serial(async () => {
        const call = state.calls.get(id);
        await ctx.db.transaction((tx) => deps.repo.patchQueueCall(tx, id, { caseId }));
        if (call) call.caseId = caseId;
      }),
  };
}

export interface TRegistrationDetails {
  registered: boolean;
  contact?: string;
  userAgent?: string;
}

function pickSkills(agent: ReturnType<typeof toLiveAgent>) {
  return { name: agent.name, extension: agent.extension, tenantIds: agent.tenantIds, languages: agent.languages, level: agent.level, registered: agent.registered };
}

export type Acd = ReturnType<typeof createAcd>;
