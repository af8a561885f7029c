import { emit, newId, silence, startTimer, type TIvrTurn } from './ivr-turn.ts';
import type { TIvrInput, TIvrPromptItem } from './ivr-types.ts';

/**
 * The key-collecting behaviour every asking node shares (menus, gathers, intake fields, the
 * reference, the asset menu, "press 1 to repeat"): the prompt may be interrupted by a key, the
 * no-input timer starts only when the prompt has finished, each further digit restarts the
 * inter-digit timer, and wrong or missing answers replay a notice and the prompt until the
 * retries run out. Deciding whether a complete answer is acceptable is the node's business.
 */

export type TInputResult =
  | { kind: 'pending' }
  | { kind: 'complete'; value: string }
  | { kind: 'invalid' }
  | { kind: 'no_input' };

const pending: TInputResult = { kind: 'pending' };

export function beginInput(turn: TIvrTurn, input: Omit<TIvrInput, 'failures'>): void {
  turn.state.input = { ...input, failures: 0 };
  openInput(turn, input.prompt);
}

/** A one-key answer (menus, the asset menu, "press 1 to repeat"): the first key completes it. */
export function beginKeyInput(
  turn: TIvrTurn,
  input: Pick<TIvrInput, 'timeoutSeconds' | 'retries' | 'prompt' | 'invalidPrompt' | 'noInputPrompt'>,
): void {
  beginInput(turn, { mode: 'key', minDigits: 1, maxDigits: 1, terminator: null, interDigitSeconds: input.timeoutSeconds, ...input });
}

/** Keys typed ahead answer at once, so the caller does not sit through a prompt they already answered. */
function openInput(turn: TIvrTurn, prompt: TIvrPromptItem[]): void {
  const input = turn.state.input;
  if (!input) return;
  if (turn.state.typeAhead || prompt.length === 0) {
    turn.state.phase = { kind: 'input', playId: null, timer: null, buffer: '' };
    if (!turn.state.typeAhead) armTimer(turn, 'no_input', input.timeoutSeconds);
    return;
  }
  const playId = newId(turn, 'p');
  emit(turn, { type: 'play', playId, prompt, bargeIn: true });
  turn.state.phase = { kind: 'input', playId, timer: null, buffer: '' };
}

function armTimer(turn: TIvrTurn, reason: 'no_input' | 'inter_digit', seconds: number): void {
  const phase = turn.state.phase;
  if (phase.kind !== 'input') return;
  if (phase.timer) emit(turn, { type: 'cancel_timer', timerId: phase.timer.id });
  phase.timer = { id: startTimer(turn, seconds), reason };
}

/** One key; `armInterDigit` is false while typed-ahead keys are replayed, so only the last one arms a timer. */
export function inputDigit(turn: TIvrTurn, digit: string, armInterDigit = true): TInputResult {
  const phase = turn.state.phase;
  const input = turn.state.input;
  if (phase.kind !== 'input' || !input) return pending;
  silence(turn);
  if (input.mode === 'key') return { kind: 'complete', value: digit };
  if (digit === input.terminator) {
    return phase.buffer.length >= input.minDigits ? { kind: 'complete', value: phase.buffer } : { kind: 'invalid' };
  }
  if (!/^[0-9]$/.test(digit)) return { kind: 'invalid' };
  phase.buffer += digit;
  if (phase.buffer.length >= input.maxDigits) return { kind: 'complete', value: phase.buffer };
  if (armInterDigit) armTimer(turn, 'inter_digit', input.interDigitSeconds);
  return pending;
}

/** Replays keys pressed ahead until they answer the input or run out. */
export function feedTypeAhead(turn: TIvrTurn): TInputResult {
  let result = pending;
  while (turn.state.typeAhead && result.kind === 'pending') {
    const digit = turn.state.typeAhead.charAt(0);
    turn.state.typeAhead = turn.state.typeAhead.slice(1);
    result = inputDigit(turn, digit, false);
  }
  const phase = turn.state.phase;
  if (result.kind === 'pending' && phase.kind === 'input' && turn.state.input) {
    if (phase.buffer) armTimer(turn, 'inter_digit', turn.state.input.interDigitSeconds);
    else armTimer(turn, 'no_input', turn.state.input.timeoutSeconds);
  }
  return result;
}

export function inputPromptFinished(turn: TIvrTurn, playId: string): void {
  const phase = turn.state.phase;
  const input = turn.state.input;
  if (phase.kind !== 'input' || phase.playId !== playId || !input) return;
  phase.playId = null;
  armTimer(turn, 'no_input', input.timeoutSeconds);
}

/** `null` for a timer that is no longer ours: it fired after the input moved on. */
export function inputTimeout(turn: TIvrTurn, timerId: string): TInputResult | null {
  const phase = turn.state.phase;
  const input = turn.state.input;
  if (phase.kind !== 'input' || phase.timer?.id !== timerId || !input) return null;
  const reason = phase.timer.reason;
  phase.timer = null;
  if (reason === 'no_input') return { kind: 'no_input' };
  return phase.buffer.length >= input.minDigits ? { kind: 'complete', value: phase.buffer } : { kind: 'invalid' };
}

/**
 * Counts a wrong or missing answer and asks again, notice first; false when the retries are used up
 * and the node must give up. Keys typed ahead are dropped: after a wrong answer they are off track.
 */
export function retryInput(turn: TIvrTurn, reason: 'invalid' | 'no_input', notice?: TIvrPromptItem[]): boolean {
  const input = turn.state.input;
  if (!input) return false;
  silence(turn);
  input.failures += 1;
  turn.state.typeAhead = '';
  if (input.failures > input.retries) return false;
  const said = notice ?? (reason === 'invalid' ? input.invalidPrompt : input.noInputPrompt);
  openInput(turn, [...said, ...input.prompt]);
  return true;
}
