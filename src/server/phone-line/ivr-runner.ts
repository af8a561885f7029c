import type { TIvrFlow, TIvrOutcome } from '../../shared/ivr-flow.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import { createIvrState, step } from '../ivr/ivr-engine.ts';
import type { TIvrCommand, TIvrContext, TIvrCustomer, TIvrEvent, TIvrPromptItem, TIvrState } from '../ivr/ivr-types.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';

/** What a running flow needs from the call and the desk; the phone line implements it, tests fake it. */
export interface IvrEffects {
  play(prompt: TIvrPromptItem[]): { done: Promise<'finished' | 'stopped'>; stop(): void };
  setTimer(seconds: number, fire: () => void): () => void;
  identifyCaller(): Promise<TIvrCustomer | null>;
  lookupCase(reference: string): Promise<{ status: TCaseStatus } | undefined>;
  createCase(intake: TIntakeValues, assetId: string | undefined): Promise<{ reference: string; duplicate: boolean }>;
  record(maxSeconds: number): { stop(): void; done: Promise<{ recordingId: string; seconds: number }> };
  transfer(queue: string, intake: TIntakeValues): Promise<boolean>;
  hangup(): void;
  onProgress(state: TIvrState, outcome: TIvrOutcome | null): void;
  onError(error: unknown): void;
}

/**
 * Drives the pure engine against a call: events go in one at a time, in arrival order, and the
 * engine's commands come out as effects whose results return as events.
 */
export function createIvrRunner(flow: TIvrFlow, context: TIvrContext, effects: IvrEffects) {
  let state = createIvrState();
  let outcome: TIvrOutcome | null = null;
  let playback: { id: string; stop(): void } | undefined;
  let recording: { stop(): void } | undefined;
  const timers = new Map<string, () => void>();
  let ended = false;

  const dispatch = (event: TIvrEvent) => {
    let result;
    try {
      result = step(flow, context, state, event);
    } catch (error) {
      effects.onError(error);
      return;
    }
    state = result.state;
    for (const command of result.commands) execute(command);
    effects.onProgress(state, outcome);
  };

  const answerLater = <T>(work: Promise<T>, toEvent: (value: T) => TIvrEvent, onFailure: TIvrEvent) => {
    work.then(
      (value) => dispatch(toEvent(value)),
      (error: unknown) => {
        effects.onError(error);
        dispatch(onFailure);
      },
    );
  };

  function execute(command: TIvrCommand) {
    switch (command.type) {
      case 'play': {
        const handle = effects.play(command.prompt);
        playback = { id: command.playId, stop: handle.stop };
        handle.done.then((how) => {
          if (how === 'finished') dispatch({ type: 'prompt_finished', playId: command.playId });
        }, effects.onError);
        return;
      }
      case 'stop_playback':
        playback?.stop();
        playback = undefined;
        return;
      case 'start_timer':
        timers.set(command.timerId, effects.setTimer(command.seconds, () => {
          timers.delete(command.timerId);
          dispatch({ type: 'timeout', timerId: command.timerId });
        }));
        return;
      case 'cancel_timer':
        timers.get(command.timerId)?.();
        timers.delete(command.timerId);
        return;
      case 'identify_caller':
        answerLater(effects.identifyCaller(), (customer) => ({ type: 'caller_identified', customer }), { type: 'caller_identified', customer: null });
        return;
      case 'lookup_case':
        answerLater(
          effects.lookupCase(command.reference),
          (found) => (found ? { type: 'case_found', reference: command.reference, status: found.status } : { type: 'case_not_found' }),
          { type: 'case_not_found' },
        );
        return;
      case 'create_case':
        answerLater(
          effects.createCase(command.intake, command.assetId),
          (created) => ({ type: 'case_created', reference: created.reference, duplicate: created.duplicate }),
          { type: 'case_failed' },
        );
        return;
      case 'record': {
        const handle = effects.record(command.maxSeconds);
        recording = handle;
        answerLater(handle.done, (done) => ({ type: 'recording_done', recordingId: done.recordingId, seconds: done.seconds }), { type: 'hangup' });
        return;
      }
      case 'stop_recording':
        recording?.stop();
        recording = undefined;
        return;
      case 'transfer':
        // Once a queue has the caller the flow is done; only a refusal comes back to it.
        effects.transfer(command.queue, command.intake).then(
          (taken) => taken || dispatch({ type: 'transfer_failed' }),
          (error: unknown) => {
            effects.onError(error);
            dispatch({ type: 'transfer_failed' });
          },
        );
        return;
      case 'hangup':
        effects.hangup();
        return;
      case 'outcome':
        outcome = command.outcome;
        return;
      default: {
        const never: never = command;
        effects.onError(new Error(`unknown IVR command ${JSON.stringify(never)}`));
      }
    }
  }

  return {
    start: () => dispatch({ type: 'start' }),
    digit: (digit: string) => {
      if (/^[0-9*#]$/.test(digit)) dispatch({ type: 'digit', digit: digit as Extract<TIvrEvent, { type: 'digit' }>['digit'] });
    },
    /** The caller hung up: timers stop, and a recording in progress is kept. */
    hangup: () => {
      if (ended) return;
      ended = true;
      recording?.stop();
      for (const cancel of timers.values()) cancel();
      timers.clear();
      playback?.stop();
      dispatch({ type: 'hangup' });
    },
    get state() {
      return state;
    },
    get outcome() {
      return outcome;
    },
  };
}

export type IvrRunner = ReturnType<typeof createIvrRunner>;
