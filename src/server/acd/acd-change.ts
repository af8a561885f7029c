import type { TAgentState } from '../../shared/api/operators.ts';
import type { Queryable } from '../platform/db/database.ts';
import type { DeskEvents, EventName } from '../platform/events.ts';
import type { AcdContext, LiveAgent } from './acd-context.ts';
import type { NewQueueCall, QueueCallPatch } from './acd-repository.ts';

/**
 * One state change of the queues: its rows are written in one transaction, and only once that
 * commits does memory move and do events leave. A failed write leaves memory as it was, so the
 * two never disagree about something the database did not confirm.
 */
export function createChange(ctx: AcdContext) {
  const now = ctx.clock.now();
  const writes: ((tx: Queryable) => Promise<void>)[] = [];
  const effects: (() => void)[] = [];
  const emits: (() => void)[] = [];

  const change = {
    now,
    agentState(agent: LiveAgent, state: TAgentState, reason: string) {
      writes.push((tx) => ctx.repo.insertAgentState(tx, agent.userId, state, reason, now));
      effects.push(() => {
        // Longest-idle counts from the moment an operator became free again.
        if (state === 'available' && agent.state !== 'available') agent.idleSince = now.getTime();
        if (state !== 'ringing') agent.misses = state === 'on_call' ? 0 : agent.misses;
        agent.state = state;
        agent.stateSince = now;
        if (state === 'available' || state === 'offline' || state === 'break') agent.queueCallId = undefined;
      });
      change.emit('agent.state_changed', { userId: agent.userId, state, stateSince: now.toISOString(), reason });
      return change;
    },
    patchCall(id: string, patch: QueueCallPatch) {
      writes.push((tx) => ctx.repo.patchQueueCall(tx, id, patch));
      return change;
    },
    insertCall(row: NewQueueCall) {
      writes.push((tx) => ctx.repo.insertQueueCall(tx, row));
      return change;
    },
    after(effect: () => void) {
      effects.push(effect);
      return change;
    },
    emit<K extends EventName>(name: K, payload: DeskEvents[K]) {
      emits.push(() => ctx.events.emit(name, payload));
      return change;
    },
    async commit(): Promise<void> {
      if (writes.length > 0) {
        await ctx.db.transaction(async (tx) => {
          for (const write of writes) await write(tx);
        });
      }
      for (const effect of effects) effect();
      for (const emit of emits) emit();
    },
  };
  return change;
}

export type AcdChange = ReturnType<typeof createChange>;
