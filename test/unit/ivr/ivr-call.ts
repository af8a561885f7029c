import type { TIvrFlow } from '../../../src/shared/ivr-flow.ts';
import { demoIntakeSchema } from '../../../src/server/demo/demo-protocol.ts';
import { demoIvrFlow } from '../../../src/server/ivr/demo-flow.ts';
import { createIvrState, step } from '../../../src/server/ivr/ivr-engine.ts';
import type { TDtmfDigit, TIvrCommand, TIvrContext, TIvrEvent, TIvrPromptItem, TIvrState } from '../../../src/server/ivr/ivr-types.ts';

/** A scripted call: feeds events to the engine the way a runner would, and keeps every command. */
export interface TScriptedCall {
  state: TIvrState;
  log: TIvrCommand[];
  send(event: TIvrEvent): TIvrCommand[];
  press(keys: string): TIvrCommand[];
  /** Reports the most recent playback as finished. */
  finishPrompt(): TIvrCommand[];
  /** Fires the most recent timer that is still running. */
  fireTimer(): TIvrCommand[];
  lastPlay(): Extract<TIvrCommand, { type: 'play' }>;
  activeTimer(): string | undefined;
}

export function startCall(options: { flow?: TIvrFlow; context?: Partial<TIvrContext> } = {}): TScriptedCall {
  const flow = options.flow ?? demoIvrFlow;
  const context: TIvrContext = { language: 'es', intakeSchema: demoIntakeSchema, isOpen: true, ...options.context };
  const fired = new Set<string>();
  const call: TScriptedCall = {
    state: createIvrState(),
    log: [],
    send(event) {
      const result = step(flow, context, call.state, event);
      call.state = result.state;
      call.log.push(...result.commands);
      return result.commands;
    },
    press(keys) {
      return [...keys].flatMap((digit) => call.send({ type: 'digit', digit: digit as TDtmfDigit }));
    },
    finishPrompt() {
      return call.send({ type: 'prompt_finished', playId: call.lastPlay().playId });
    },
    fireTimer() {
      const timerId = call.activeTimer();
      if (!timerId) throw new Error('no timer is running');
      fired.add(timerId);
      return call.send({ type: 'timeout', timerId });
    },
    lastPlay() {
      const play = call.log.findLast((c) => c.type === 'play');
      if (!play || play.type !== 'play') throw new Error('nothing has been played');
      return play;
    },
    activeTimer() {
      const cancelled = new Set(call.log.flatMap((c) => (c.type === 'cancel_timer' ? [c.timerId] : [])));
      const started = call.log.flatMap((c) => (c.type === 'start_timer' ? [c.timerId] : []));
      return started.findLast((id) => !cancelled.has(id) && !fired.has(id));
    },
  };
  call.send({ type: 'start' });
  return call;
}

/** What a prompt says, with digit-by-digit items shown as `<1 2 3>`. */
export function spoken(prompt: TIvrPromptItem[]): string {
  return prompt
    .map((item) => {
      switch (item.kind) {
        case 'tts':
          return item.text;
        case 'digits':
          return `<${[...item.digits].join(' ')}>`;
        case 'audio':
          return `[audio ${item.id}]`;
        case 'beep':
          return '[beep]';
      }
    })
    .join(' ');
}

export function playsIn(commands: TIvrCommand[]): string[] {
  return commands.flatMap((c) => (c.type === 'play' ? [spoken(c.prompt)] : []));
}

export function typesOf(commands: TIvrCommand[]): string[] {
  return commands.map((c) => c.type);
}
