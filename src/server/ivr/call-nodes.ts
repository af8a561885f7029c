import type { TIvrNodeOf } from '../../shared/ivr-flow.ts';
import { beginInput, beginKeyInput, retryInput } from './digit-input.ts';
import {
  emit,
  endAfter,
  fallbackTo,
  finishPath,
  goto,
  play,
  request,
  retryPrompts,
  setOutcome,
  speak,
  type TNodeHandler,
} from './ivr-turn.ts';

/** The nodes that steer the call itself: speaking, menus, free digits, hours, voicemail, transfer, hangup. */

export const sayNode: TNodeHandler<TIvrNodeOf<'say'>> = {
  enter(turn, node) {
    if (node.outcome) setOutcome(turn, node.outcome);
    // A key pressed earlier would have cut this prompt short anyway: keep the caller ahead.
    if (node.bargeIn && turn.state.typeAhead) {
      goto(turn, node.next, 'skipped');
      return;
    }
    play(turn, speak(turn, node.prompt), node.bargeIn, 'next');
  },
  played(turn, node, _then, interrupted) {
    goto(turn, node.next, interrupted ? 'interrupted' : 'played');
  },
};

export const menuNode: TNodeHandler<TIvrNodeOf<'menu'>> = {
  enter(turn, node) {
    beginKeyInput(turn, {
      timeoutSeconds: node.timeoutSeconds,
      retries: node.retries,
      prompt: speak(turn, node.prompt),
      ...retryPrompts(turn, node),
    });
  },
  inputDone(turn, node, value) {
    const target = node.options[value];
    if (target !== undefined) goto(turn, target, `pressed:${value}`);
    else if (!retryInput(turn, 'invalid')) fallbackTo(turn, node.fallback);
  },
  gaveUp(turn, node) {
    fallbackTo(turn, node.fallback);
  },
};

export const gatherNode: TNodeHandler<TIvrNodeOf<'gather'>> = {
  enter(turn, node) {
    beginInput(turn, {
      mode: 'digits',
      minDigits: node.minDigits,
      maxDigits: node.maxDigits,
      terminator: node.terminator,
      timeoutSeconds: node.timeoutSeconds,
      interDigitSeconds: node.interDigitSeconds,
      retries: node.retries,
      prompt: speak(turn, node.prompt),
      ...retryPrompts(turn, node),
    });
  },
  inputDone(turn, node, value) {
    turn.state.variables[node.variable] = value;
    goto(turn, node.next, 'collected');
  },
  gaveUp(turn, node) {
    fallbackTo(turn, node.fallback);
  },
};

export const businessHoursNode: TNodeHandler<TIvrNodeOf<'business_hours'>> = {
  enter(turn, node) {
    if (turn.ctx.isOpen) goto(turn, node.open, 'open');
    else goto(turn, node.closed, 'closed');
  },
};

export const recordNode: TNodeHandler<TIvrNodeOf<'record'>> = {
  enter(turn, node) {
    const prompt = speak(turn, node.prompt);
    // Keys during the voicemail greeting are ignored: the beep must be heard before speaking.
    play(turn, node.beep ? [...prompt, { kind: 'beep' }] : prompt, false, 'record');
  },
  played(turn, node) {
    emit(turn, { type: 'record', maxSeconds: node.maxSeconds, silenceSeconds: node.silenceSeconds });
    turn.state.phase = { kind: 'recording', stopping: false };
  },
  answer(turn, node, event) {
    if (event.type !== 'recording_done') return;
    if (event.seconds > 0) {
      turn.state.variables.recordingId = event.recordingId;
      setOutcome(turn, 'voicemail');
    }
    goto(turn, node.next, event.seconds > 0 ? 'recorded' : 'empty');
  },
};

export const transferNode: TNodeHandler<TIvrNodeOf<'transfer'>> = {
  enter(turn, node) {
    play(turn, speak(turn, node.prompt), false, 'transfer');
  },
  played(turn, node) {
    finishPath(turn, 'transferred');
    // Not stored as the state's outcome: a failed transfer must not leave the call marked transferred.
    emit(turn, { type: 'outcome', outcome: 'transferred' });
    request(turn, { type: 'transfer', queue: node.queue, intake: { ...turn.state.intake } }, 'transfer');
  },
  answer(turn, node, event) {
    if (event.type === 'transfer_failed') fallbackTo(turn, node.fallback, 'transfer_failed');
  },
};

export const hangupNode: TNodeHandler<TIvrNodeOf<'hangup'>> = {
  enter(turn, node) {
    finishPath(turn, 'hangup');
    play(turn, speak(turn, node.prompt), false, endAfter('completed'));
  },
};
