import type { TCall } from '../../shared/api/calls.ts';
import type { CaseRepository } from '../cases/case-repository.ts';
import { createCaseRepository } from '../cases/case-repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import { createCallRepository, type CallRepository, type NewCall } from './call-repository.ts';

export interface CallRecordDeps {
  db: Database;
  calls: CallRepository;
  cases: CaseRepository;
  clock: Clock;
}

export interface CallProgress {
  path: TCall['path'];
  digits: string;
  caseId?: string | null;
  outcome?: string | null;
}

/** Every call is on record from its first INVITE, before anything is said to the caller. */
export async function startCallRecord(deps: CallRecordDeps, call: Omit<NewCall, 'startedAt'>): Promise<string> {
  return deps.calls.insertCall({ ...call, startedAt: deps.clock.now() });
}

export async function markCallAnswered(deps: CallRecordDeps, callId: string): Promise<void> {
  await deps.calls.markAnswered(callId, deps.clock.now());
}

/** Saved at the moments that matter (a case opened, a voicemail left), so a crash keeps them. */
export async function saveCallProgress(deps: CallRecordDeps, callId: string, progress: CallProgress): Promise<void> {
  await deps.calls.saveProgress(callId, progress);
}

/** Closes the record; a call that touched a case also lands on that case's timeline. */
export async function finishCallRecord(
  deps: CallRecordDeps,
  callId: string,
  end: CallProgress & { reason: string; outcome: string | null },
): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const calls = createCallRepository(tx);
    await calls.saveProgress(callId, end);
    await calls.endCall(callId, at, end.reason, end.outcome);
    const call = await calls.findCall(callId);
    if (!call?.caseId) return;
    await createCaseRepository(tx).appendEvent({
      caseId: call.caseId,
      tenantId: call.tenantId,
      at,
      actor: { type: 'caller', id: null, name: call.callerId },
      kind: 'call',
      data: {
        callId,
        callerId: call.callerId,
        direction: call.direction,
        startedAt: call.startedAt.toISOString(),
        durationSeconds: Math.round((at.getTime() - call.startedAt.getTime()) / 1000),
        outcome: call.outcome,
        digits: call.digits,
      },
    });
  });
}

export async function storeVoicemail(
  deps: CallRecordDeps,
  voicemail: { tenantId: string; callId: string; caseId: string | null; audio: Buffer; encoding: 'pcmu' | 'pcma'; durationMs: number },
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const id = await createCallRepository(tx).insertRecording({
      tenantId: voicemail.tenantId, callId: voicemail.callId, caseId: voicemail.caseId, kind: 'voicemail',
      encoding: voicemail.encoding, sampleRate: 8000, durationMs: voicemail.durationMs, audio: voicemail.audio, name: 'voicemail',
    });
    if (voicemail.caseId) {
      await createCaseRepository(tx).appendEvent({
        caseId: voicemail.caseId, tenantId: voicemail.tenantId, at: deps.clock.now(),
        actor: { type: 'caller', id: null, name: 'voicemail' }, kind: 'voicemail',
        data: { recordingId: id, callId: voicemail.callId, durationMs: voicemail.durationMs },
      });
    }
    return id;
  });
}

/** At start-up: calls a crash left open are closed, so no record stays "in progress" forever. */
export async function closeOrphanedCalls(deps: CallRecordDeps): Promise<number> {
  return (await deps.calls.closeOrphans(deps.clock.now())).length;
}
