import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { TIntakeSchema, TIntakeValues } from '../../shared/intake-schema.ts';
import type { TIvrOutcome, TIvrPathStep } from '../../shared/ivr-flow.ts';
import type { TTreeContent } from '../../shared/knowledge.ts';

/** What the runner knows about the call before the flow starts. */
export interface TIvrContext {
  /** The call's language: prompts are spoken in it, falling back to another language the text has. */
  language: TLanguage;
  /** The intake schema of the protocol version in force (labels, options, digits). */
  intakeSchema: TIntakeSchema;
  /** Computed by the runner from the tenant's hours when the call arrives. */
  isOpen: boolean;
  /** Extra placeholders for prompts, e.g. `{ tenantName: 'Reparaciones Martínez' }`. */
  variables?: Record<string, string>;
  /** The published knowledge the flow's nodes name, loaded by the runner when the call arrives. */
  knowledge?: TIvrKnowledge;
}

export interface TIvrKnowledge {
  /** By slug: what the line says for the article, already in the call's language (or the nearest one it has). */
  articles: Record<string, { entryId: string; language: TLanguage; spoken: string }>;
  trees: Record<string, { entryId: string; tree: TTreeContent }>;
}

/** A knowledge-base entry the caller met, for the system-first measures. */
export interface TIvrKbUse {
  entryId: string;
  how: 'viewed' | 'resolved' | 'escalated';
}

export type TDtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

export interface TIvrCustomer {
  name: string;
  assets: { id: string; applianceType: string; brand: string }[];
  sites: { id: string; label: string }[];
}

/** Everything the runner feeds the engine. */
export type TIvrEvent =
  | { type: 'start' }
  | { type: 'digit'; digit: TDtmfDigit }
  /** `playId` of the `play` command that finished; a stopped or superseded playback's finish is ignored. */
  | { type: 'prompt_finished'; playId: string }
  | { type: 'timeout'; timerId: string }
  | { type: 'caller_identified'; customer: TIvrCustomer | null }
  | { type: 'case_found'; reference: string; status: TCaseStatus }
  | { type: 'case_not_found' }
  | { type: 'reference_invalid' }
  | { type: 'case_created'; reference: string; duplicate: boolean }
  | { type: 'case_failed' }
  | { type: 'recording_done'; recordingId: string; seconds: number }
  | { type: 'transfer_failed' }
  | { type: 'hangup' };

export type TIvrPromptItem =
  | { kind: 'tts'; language: TLanguage; text: string }
  /** Read one digit at a time (a case reference). */
  | { kind: 'digits'; language: TLanguage; digits: string }
  | { kind: 'audio'; id: string }
  | { kind: 'beep' };

/** Everything the engine asks the runner to do, in order. */
export type TIvrCommand =
  | { type: 'play'; playId: string; prompt: TIvrPromptItem[]; bargeIn: boolean }
  | { type: 'stop_playback' }
  | { type: 'start_timer'; timerId: string; seconds: number }
  | { type: 'cancel_timer'; timerId: string }
  | { type: 'identify_caller' }
  | { type: 'lookup_case'; reference: string }
  | { type: 'create_case'; intake: TIntakeValues; assetId?: string }
  | { type: 'record'; maxSeconds: number; silenceSeconds: number }
  | { type: 'stop_recording' }
  | { type: 'transfer'; queue: string; intake: TIntakeValues }
  | { type: 'hangup' }
  | { type: 'outcome'; outcome: TIvrOutcome };

export type TRunnerRequest = 'identify_caller' | 'lookup_case' | 'create_case' | 'transfer';

/** What the engine is doing inside the current node. */
export type TIvrPhase =
  | { kind: 'idle' }
  /** A prompt plays and nothing is being collected; `then` tells the node what to do once it ends. */
  | { kind: 'playing'; playId: string; bargeIn: boolean; then: string }
  /** Keys are being collected (the prompt may still be playing). */
  | { kind: 'input'; playId: string | null; timer: { id: string; reason: 'no_input' | 'inter_digit' } | null; buffer: string }
  | { kind: 'awaiting'; request: TRunnerRequest }
  | { kind: 'recording'; stopping: boolean }
  /** The call is over; a late answer to `late` still updates the outcome. */
  | { kind: 'ended'; late: 'create_case' | 'record' | null };

/** How the current node collects keys; kept in the state so a retry can replay the same prompt. */
export interface TIvrInput {
  /** `key`: the first key completes (menus); `digits`: digits until the terminator or maxDigits. */
  mode: 'key' | 'digits';
  minDigits: number;
  maxDigits: number;
  terminator: '#' | '*' | null;
  timeoutSeconds: number;
  interDigitSeconds: number;
  retries: number;
  failures: number;
  prompt: TIvrPromptItem[];
  invalidPrompt: TIvrPromptItem[];
  noInputPrompt: TIvrPromptItem[];
}

export interface TIvrState {
  node: string | null;
  phase: TIvrPhase;
  input: TIvrInput | null;
  /** Source of unique play and timer ids, so stale finishes and timeouts are recognised. */
  seq: number;
  /** Keys pressed ahead of the menu that will consume them. */
  typeAhead: string;
  variables: Record<string, string>;
  intake: TIntakeValues;
  assetId: string | null;
  customer: TIvrCustomer | null;
  /** Times the current create_case node has repeated the reference. */
  repeatsDone: number;
  /** The last outcome worth reporting; terminal defaults (completed, abandoned…) are never stored. */
  outcome: TIvrOutcome | null;
  path: TIvrPathStep[];
  /** Every key the caller pressed, in order. */
  digits: string;
  /** Answers given so far in the decision tree being walked (1-based). */
  treeAnswers: number[];
  kbUses: TIvrKbUse[];
}

export interface TIvrStepResult {
  state: TIvrState;
  commands: TIvrCommand[];
}
