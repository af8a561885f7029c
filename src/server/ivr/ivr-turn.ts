import type { TIvrFlow, TIvrNode, TIvrOutcome, TIvrPrompt } from '../../shared/ivr-flow.ts';
import { phrase, promptOr, resolvePrompt } from './resolve-prompt.ts';
import type { TIvrCommand, TIvrContext, TIvrEvent, TIvrPromptItem, TIvrState, TRunnerRequest } from './ivr-types.ts';

/** Endings the engine handles itself, whatever the node: `play(..., endAfter('completed'))`. */
const endPrefix = 'end:';
export type TEndOutcome = 'completed' | 'fallback_hangup';
export const endAfter = (outcome: TEndOutcome): string => endPrefix + outcome;
export function endOutcomeOf(then: string): TEndOutcome | null {
  if (!then.startsWith(endPrefix)) return null;
  return then.slice(endPrefix.length) === 'completed' ? 'completed' : 'fallback_hangup';
}

/** One call of `step`: a private copy of the state plus the commands emitted so far. */
export interface TIvrTurn {
  flow: TIvrFlow;
  ctx: TIvrContext;
  state: TIvrState;
  commands: TIvrCommand[];
  /** Node to enter once the current handler returns; entering is the engine's job, so handlers never recurse. */
  next: string | null;
  /** A playback that ended (or was skipped because it had nothing to say), to hand to the node. */
  resume: { then: string; interrupted: boolean } | null;
}

export type TRunnerAnswer = Extract<
  TIvrEvent,
  { type: 'caller_identified' | 'case_found' | 'case_not_found' | 'reference_invalid' | 'case_created' | 'case_failed' | 'recording_done' | 'transfer_failed' }
>;

/** A node type's behaviour; the engine calls these as events arrive for the node in force. */
export interface TNodeHandler<N extends TIvrNode> {
  enter(turn: TIvrTurn, node: N): void;
  played?(turn: TIvrTurn, node: N, then: string, interrupted: boolean): void;
  /** Keys collected by `beginInput`, complete by the input's own rules. */
  inputDone?(turn: TIvrTurn, node: N, value: string): void;
  /** Retries exhausted. */
  gaveUp?(turn: TIvrTurn, node: N): void;
  answer?(turn: TIvrTurn, node: N, event: TRunnerAnswer): void;
}

export function emit(turn: TIvrTurn, command: TIvrCommand): void {
  turn.commands.push(command);
}

export function newId(turn: TIvrTurn, prefix: 'p' | 't'): string {
  turn.state.seq += 1;
  return `${prefix}${turn.state.seq}`;
}

/** Placeholders a prompt may use: the runner's, then the call's own. */
export function variablesOf(turn: TIvrTurn): Record<string, string> {
  return { ...turn.ctx.variables, ...turn.state.variables };
}

/** A flow prompt in the call's language, placeholders filled. */
export function speak(turn: TIvrTurn, prompt: TIvrPrompt | undefined): TIvrPromptItem[] {
  return resolvePrompt(prompt, turn.ctx.language, variablesOf(turn));
}

/** Retry notices every asking node resolves the same way: the flow's own, or the built-in phrase. */
export function retryPrompts(turn: TIvrTurn, node: { invalidPrompt?: TIvrPrompt; noInputPrompt?: TIvrPrompt }) {
  const variables = variablesOf(turn);
  return {
    invalidPrompt: promptOr(node.invalidPrompt, 'invalid', turn.ctx.language, variables),
    noInputPrompt: promptOr(node.noInputPrompt, 'noInput', turn.ctx.language, variables),
  };
}

export function startTimer(turn: TIvrTurn, seconds: number): string {
  const timerId = newId(turn, 't');
  emit(turn, { type: 'start_timer', timerId, seconds });
  return timerId;
}

/** Plays a prompt that collects nothing; an empty prompt resumes the node at once. */
export function play(turn: TIvrTurn, prompt: TIvrPromptItem[], bargeIn: boolean, then: string): void {
  if (prompt.length === 0) {
    turn.state.phase = { kind: 'idle' };
    turn.resume = { then, interrupted: false };
    return;
  }
  const playId = newId(turn, 'p');
  emit(turn, { type: 'play', playId, prompt, bargeIn });
  turn.state.phase = { kind: 'playing', playId, bargeIn, then };
}

/** Stops whatever the current phase has running on the call: a prompt, a timer. */
export function silence(turn: TIvrTurn): void {
  const phase = turn.state.phase;
  if (phase.kind === 'playing' || (phase.kind === 'input' && phase.playId)) emit(turn, { type: 'stop_playback' });
  if (phase.kind === 'input' && phase.timer) emit(turn, { type: 'cancel_timer', timerId: phase.timer.id });
  if (phase.kind === 'input') {
    phase.playId = null;
    phase.timer = null;
  }
}

export function request(turn: TIvrTurn, command: TIvrCommand, awaiting: TRunnerRequest): void {
  silence(turn);
  emit(turn, command);
  turn.state.phase = { kind: 'awaiting', request: awaiting };
}

/** Records how the current node was left, and how many wrong or missing answers it took. */
export function finishPath(turn: TIvrTurn, result: string): void {
  const last = turn.state.path.at(-1);
  if (!last) return;
  last.result = result;
  const input = turn.state.input;
  // An input without retries ("press 1 to repeat") has no wrong answers, only a choice not to.
  if (input && input.retries > 0 && input.failures > 0) last.failures = input.failures;
}

export function goto(turn: TIvrTurn, target: string, result: string): void {
  silence(turn);
  finishPath(turn, result);
  turn.state.phase = { kind: 'idle' };
  turn.next = target;
}

export function setOutcome(turn: TIvrTurn, outcome: TIvrOutcome): void {
  turn.state.outcome = outcome;
}

/** Where a node goes when the caller cannot be served there; with nowhere to go, apologise and hang up. */
export function fallbackTo(turn: TIvrTurn, target: string | undefined, result = 'fallback'): void {
  if (target) {
    goto(turn, target, result);
    return;
  }
  silence(turn);
  finishPath(turn, result);
  play(turn, phrase('fallbackGoodbye', turn.ctx.language), false, endAfter('fallback_hangup'));
}

/** The engine hangs up: the outcome goes first so the call record has it before the line drops. */
export function endCall(turn: TIvrTurn, ending: TEndOutcome): void {
  silence(turn);
  emit(turn, { type: 'outcome', outcome: turn.state.outcome ?? ending });
  emit(turn, { type: 'hangup' });
  turn.state.phase = { kind: 'ended', late: null };
}
