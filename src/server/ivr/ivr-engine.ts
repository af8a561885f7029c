import type { TIvrFlow, TIvrNode, TIvrNodeType, TIvrOutcome } from '../../shared/ivr-flow.ts';
import { createCaseNode, lookupCaseNode } from './case-nodes.ts';
import { businessHoursNode, gatherNode, hangupNode, menuNode, recordNode, sayNode, transferNode } from './call-nodes.ts';
import { feedTypeAhead, inputDigit, inputPromptFinished, inputTimeout, retryInput, type TInputResult } from './digit-input.ts';
import { collectFieldNode, identifyCallerNode } from './intake-nodes.ts';
import { decisionTreeNode, readArticleNode } from './knowledge-nodes.ts';
import { emit, endCall, endOutcomeOf, finishPath, goto, type TIvrTurn, type TNodeHandler, type TRunnerAnswer } from './ivr-turn.ts';
import type { TIvrContext, TIvrEvent, TIvrState, TIvrStepResult } from './ivr-types.ts';

/**
 * The IVR as a pure state machine: `step(flow, context, state, event) → { state, commands }`.
 * The runner executes the commands against the call and feeds what happens back as events; the
 * engine never does I/O, never reads a clock and never mutates the state it is given.
 */

const handlers: { [K in TIvrNodeType]: TNodeHandler<Extract<TIvrNode, { type: K }>> } = {
  say: sayNode,
  menu: menuNode,
  gather: gatherNode,
  collect_field: collectFieldNode,
  identify_caller: identifyCallerNode,
  lookup_case: lookupCaseNode,
  create_case: createCaseNode,
  business_hours: businessHoursNode,
  record: recordNode,
  transfer: transferNode,
  hangup: hangupNode,
  read_article: readArticleNode,
  decision_tree: decisionTreeNode,
};

function handlerFor(node: TIvrNode): TNodeHandler<TIvrNode> {
  return handlers[node.type] as TNodeHandler<TIvrNode>;
}

/** A caller pressing keys faster than menus can follow must not fill memory. */
const maxTypeAhead = 20;
/** Nodes entered without waiting for the caller (hours, skipped fields) within one event; a loop guard. */
const maxMovesPerEvent = 64;
/** Node visits per call; a caller circling the menus for ever is let go. */
const maxPathLength = 500;

export function createIvrState(): TIvrState {
  return {
    node: null,
    phase: { kind: 'idle' },
    input: null,
    seq: 0,
    typeAhead: '',
    variables: {},
    intake: {},
    assetId: null,
    customer: null,
    repeatsDone: 0,
    outcome: null,
    path: [],
    digits: '',
    treeAnswers: [],
    kbUses: [],
  };
}

export function step(flow: TIvrFlow, context: TIvrContext, state: TIvrState, event: TIvrEvent): TIvrStepResult {
  const turn: TIvrTurn = { flow, ctx: context, state: structuredClone(state), commands: [], next: null, resume: null };
  handleEvent(turn, event);
  settle(turn);
  return { state: turn.state, commands: turn.commands };
}

function currentNode(turn: TIvrTurn): TIvrNode | undefined {
  return turn.state.node === null ? undefined : turn.flow.nodes[turn.state.node];
}

function handleEvent(turn: TIvrTurn, event: TIvrEvent): void {
  const { state } = turn;
  const phase = state.phase;
  if (phase.kind === 'ended') {
    handleLateAnswer(turn, event);
    return;
  }
  const node = currentNode(turn);
  switch (event.type) {
    case 'start':
      if (state.node === null && phase.kind === 'idle') turn.next = turn.flow.start;
      return;
    case 'hangup':
      callerHungUp(turn);
      return;
    case 'digit':
      state.digits += event.digit;
      handleDigit(turn, node, event.digit);
      return;
    case 'prompt_finished':
      if (phase.kind === 'playing' && phase.playId === event.playId) {
        state.phase = { kind: 'idle' };
        turn.resume = { then: phase.then, interrupted: false };
      } else if (phase.kind === 'input') {
        inputPromptFinished(turn, event.playId);
      }
      return;
    case 'timeout':
      if (node && phase.kind === 'input') dispatchInput(turn, node, inputTimeout(turn, event.timerId));
      return;
    default:
      if (node && acceptsAnswer(turn, event)) handlerFor(node).answer?.(turn, node, event);
  }
}

function acceptsAnswer(turn: TIvrTurn, event: TRunnerAnswer): boolean {
  const phase = turn.state.phase;
  if (phase.kind === 'recording') return event.type === 'recording_done';
  if (phase.kind !== 'awaiting') return false;
  switch (phase.request) {
    case 'identify_caller':
      return event.type === 'caller_identified';
    case 'lookup_case':
      return event.type === 'case_found' || event.type === 'case_not_found' || event.type === 'reference_invalid';
    case 'create_case':
      return event.type === 'case_created' || event.type === 'case_failed';
    case 'transfer':
      return event.type === 'transfer_failed';
  }
}

/**
 * Keys during a prompt that allows barge-in stop it and wait for the next asking node; keys while
 * the desk looks the caller or a case up are kept for what comes next. Keys while a case is being
 * created, its reference read out or the call transferred are recorded but not acted on: the
 * reference must be heard whole, and a queued call has nothing to choose.
 */
function handleDigit(turn: TIvrTurn, node: TIvrNode | undefined, digit: string): void {
  const { state } = turn;
  const phase = state.phase;
  const keep = () => {
    if (state.typeAhead.length < maxTypeAhead) state.typeAhead += digit;
  };
  switch (phase.kind) {
    case 'playing':
      if (!phase.bargeIn) return;
      emit(turn, { type: 'stop_playback' });
      keep();
      state.phase = { kind: 'idle' };
      turn.resume = { then: phase.then, interrupted: true };
      return;
    case 'input': {
      if (!node) return;
      const oneKey = state.input?.mode === 'key';
      const result = inputDigit(turn, digit);
      // The flow's operator key, at any one-key question: to a person, keeping what was answered.
      // A menu offering the key itself answers it as its own option.
      const operator = turn.flow.operatorKey;
      const ownOption = node.type === 'menu' && operator !== undefined && Object.hasOwn(node.options, operator.key);
      if (oneKey && operator && !ownOption && result.kind === 'complete' && result.value === operator.key) goto(turn, operator.node, 'operator_key');
      else dispatchInput(turn, node, result);
      return;
    }
    case 'awaiting':
      if (phase.request === 'identify_caller' || phase.request === 'lookup_case') keep();
      return;
    case 'recording':
      if (digit === '#' && !phase.stopping) {
        phase.stopping = true;
        emit(turn, { type: 'stop_recording' });
      }
      return;
    default:
      return;
  }
}

function dispatchInput(turn: TIvrTurn, node: TIvrNode, result: TInputResult | null): void {
  if (!result || result.kind === 'pending') return;
  const handler = handlerFor(node);
  if (result.kind === 'complete') handler.inputDone?.(turn, node, result.value);
  else if (!retryInput(turn, result.kind)) handler.gaveUp?.(turn, node);
}

function callerHungUp(turn: TIvrTurn): void {
  const { state } = turn;
  const phase = state.phase;
  if (phase.kind === 'awaiting' && phase.request === 'transfer') {
    // The call already belongs to the queue, which records its own abandonment.
    state.phase = { kind: 'ended', late: null };
    return;
  }
  if (phase.kind === 'input' && phase.timer) emit(turn, { type: 'cancel_timer', timerId: phase.timer.id });
  // Hanging up during the goodbye is how most calls end; only an unfinished call is abandoned.
  const ending = phase.kind === 'playing' ? endOutcomeOf(phase.then) : null;
  if (!ending) finishPath(turn, 'abandoned');
  emit(turn, { type: 'outcome', outcome: state.outcome ?? ending ?? 'abandoned' });
  const late = phase.kind === 'recording' ? 'record' : phase.kind === 'awaiting' && phase.request === 'create_case' ? 'create_case' : null;
  state.phase = { kind: 'ended', late };
}

/**
 * The runner still reports a case whose creation was under way, or a voicemail being recorded,
 * when the caller hangs up: such a call is not abandoned, and the corrected outcome is emitted.
 */
function handleLateAnswer(turn: TIvrTurn, event: TIvrEvent): void {
  const { state } = turn;
  if (state.phase.kind !== 'ended') return;
  const late = state.phase.late;
  let outcome: TIvrOutcome | null = null;
  if (late === 'create_case' && (event.type === 'case_created' || event.type === 'case_failed')) {
    if (event.type === 'case_created') {
      state.variables.reference = event.reference;
      outcome = event.duplicate ? 'duplicate_linked' : 'case_created';
    }
  } else if (late === 'record' && event.type === 'recording_done') {
    if (event.seconds > 0) {
      state.variables.recordingId = event.recordingId;
      outcome = 'voicemail';
    }
  } else {
    return;
  }
  state.phase = { kind: 'ended', late: null };
  if (outcome) {
    state.outcome = outcome;
    emit(turn, { type: 'outcome', outcome });
  }
}

function enterNode(turn: TIvrTurn, id: string): void {
  const { state } = turn;
  const node = turn.flow.nodes[id];
  if (!node || state.path.length >= maxPathLength) {
    endCall(turn, 'fallback_hangup');
    return;
  }
  state.node = id;
  state.input = null;
  state.repeatsDone = 0;
  state.phase = { kind: 'idle' };
  state.path.push({ node: id });
  handlerFor(node).enter(turn, node);
}

/** Runs what the event set in motion: node entries, finished or skipped prompts, typed-ahead keys. */
function settle(turn: TIvrTurn): void {
  for (let moves = 0; ; moves += 1) {
    if (turn.state.phase.kind === 'ended') return;
    if (moves > maxMovesPerEvent) {
      endCall(turn, 'fallback_hangup');
      return;
    }
    const node = currentNode(turn);
    const phase = turn.state.phase;
    if (turn.next !== null) {
      const id = turn.next;
      turn.next = null;
      enterNode(turn, id);
    } else if (turn.resume) {
      const { then, interrupted } = turn.resume;
      turn.resume = null;
      const ending = endOutcomeOf(then);
      if (ending) endCall(turn, ending);
      else if (node) handlerFor(node).played?.(turn, node, then, interrupted);
    } else if (node && phase.kind === 'input' && phase.playId === null && turn.state.typeAhead) {
      dispatchInput(turn, node, feedTypeAhead(turn));
    } else {
      return;
    }
  }
}
