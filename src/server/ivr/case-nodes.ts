import type { TIvrNodeOf } from '../../shared/ivr-flow.ts';
import { hasValidCheckDigit } from '../cases/reference-number.ts';
import { beginInput, beginKeyInput, retryInput } from './digit-input.ts';
import {
  fallbackTo,
  goto,
  play,
  request,
  retryPrompts,
  setOutcome,
  speak,
  variablesOf,
  type TIvrTurn,
  type TNodeHandler,
} from './ivr-turn.ts';
import type { TIvrPromptItem } from './ivr-types.ts';
import { promptOr } from './resolve-prompt.ts';

/** Nodes that reach the case desk: the status of a case by its reference, and creating the caller's case. */

function referenceNotice(turn: TIvrTurn, node: TIvrNodeOf<'lookup_case'>, key: 'referenceInvalid' | 'notFound') {
  const prompt = key === 'notFound' ? node.notFoundPrompt : node.invalidPrompt;
  return promptOr(prompt, key, turn.ctx.language, variablesOf(turn));
}

export const lookupCaseNode: TNodeHandler<TIvrNodeOf<'lookup_case'>> = {
  enter(turn, node) {
    beginInput(turn, {
      mode: 'digits',
      minDigits: node.minDigits,
      maxDigits: node.maxDigits,
      terminator: '#',
      timeoutSeconds: node.timeoutSeconds,
      interDigitSeconds: node.interDigitSeconds,
      retries: node.retries,
      prompt: speak(turn, node.prompt),
      ...retryPrompts(turn, node),
      invalidPrompt: referenceNotice(turn, node, 'referenceInvalid'),
    });
  },
  inputDone(turn, node, value) {
    // A mistyped reference is caught here, without a round trip to the desk.
    if (!hasValidCheckDigit(value)) {
      if (!retryInput(turn, 'invalid')) goto(turn, node.notFound, 'invalid');
      return;
    }
    request(turn, { type: 'lookup_case', reference: value }, 'lookup_case');
  },
  gaveUp(turn, node) {
    goto(turn, node.notFound, 'fallback');
  },
  answer(turn, node, event) {
    switch (event.type) {
      case 'case_found': {
        turn.state.variables.reference = event.reference;
        turn.state.variables.status = event.status;
        setOutcome(turn, 'status_given');
        const said = promptOr(node.statusPrompt, 'status', turn.ctx.language, variablesOf(turn));
        play(turn, said, true, 'found');
        return;
      }
      case 'case_not_found':
        if (!retryInput(turn, 'invalid', referenceNotice(turn, node, 'notFound'))) goto(turn, node.notFound, 'not_found');
        return;
      case 'reference_invalid':
        if (!retryInput(turn, 'invalid')) goto(turn, node.notFound, 'invalid');
        return;
      default:
        return;
    }
  },
  played(turn, node) {
    goto(turn, node.found, `found:${turn.state.variables.status ?? ''}`);
  },
};

function referenceSentence(turn: TIvrTurn, node: TIvrNodeOf<'create_case'>): TIvrPromptItem[] {
  const duplicate = turn.state.outcome === 'duplicate_linked';
  const prompt = duplicate ? node.duplicatePrompt : node.createdPrompt;
  return promptOr(prompt, duplicate ? 'caseDuplicate' : 'caseCreated', turn.ctx.language, variablesOf(turn));
}

function createdResult(turn: TIvrTurn): string {
  const kind = turn.state.outcome === 'duplicate_linked' ? 'duplicate' : 'created';
  return `${kind}:${turn.state.variables.reference ?? ''}`;
}

export const createCaseNode: TNodeHandler<TIvrNodeOf<'create_case'>> = {
  enter(turn) {
    const { intake, assetId } = turn.state;
    const command = { type: 'create_case' as const, intake: { ...intake } };
    request(turn, assetId ? { ...command, assetId } : command, 'create_case');
  },
  answer(turn, node, event) {
    if (event.type === 'case_created') {
      // Spoken only now: the desk has committed the case, so the reference the caller writes down exists.
      turn.state.variables.reference = event.reference;
      setOutcome(turn, event.duplicate ? 'duplicate_linked' : 'case_created');
      play(turn, referenceSentence(turn, node), false, 'spoken');
    } else if (event.type === 'case_failed') {
      setOutcome(turn, 'case_failed');
      play(turn, promptOr(node.failedPrompt, 'caseFailed', turn.ctx.language, variablesOf(turn)), false, 'failed');
    }
  },
  played(turn, node, then) {
    if (then === 'failed') {
      fallbackTo(turn, node.failed, 'failed');
      return;
    }
    if (turn.state.repeatsDone >= node.repeats) {
      goto(turn, node.next, createdResult(turn));
      return;
    }
    // Anything but "1", or silence, simply moves on: the reference has been said once already.
    beginKeyInput(turn, {
      timeoutSeconds: node.repeatTimeoutSeconds,
      retries: 0,
      prompt: promptOr(node.repeatPrompt, 'repeatOffer', turn.ctx.language, variablesOf(turn)),
      invalidPrompt: [],
      noInputPrompt: [],
    });
  },
  inputDone(turn, node, value) {
    if (value !== '1') {
      goto(turn, node.next, createdResult(turn));
      return;
    }
    turn.state.repeatsDone += 1;
    play(turn, referenceSentence(turn, node), false, 'spoken');
  },
  gaveUp(turn, node) {
    goto(turn, node.next, createdResult(turn));
  },
};
