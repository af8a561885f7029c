import type { TActiveCall, TAgent, TOperatorEvent, TQueueBoard, TScreenPop } from '../../shared/api/operators.ts';

/** Why the screen pop went away without a call: shown once, until the next offer. */
export type TConsoleNotice = 'withdrawn' | 'ended';

/**
 * What the console shows, folded from the `/operators/me` snapshot and the live events. The pop
 * of the current call stays after the offer turns into a call, so the form survives until wrap-up ends.
 */
export type TConsoleState = {
  agent: TAgent | undefined;
  /** The screen pop of the offer ringing now, or of the call in progress or being wrapped up. */
  pop: TScreenPop | undefined;
  ringing: boolean;
  call: TActiveCall | undefined;
  board: TQueueBoard | undefined;
  /** When the board arrived (ms since the epoch): waits tick on from there. */
  boardAt: number;
  notice: TConsoleNotice | undefined;
};

export type TConsoleSnapshot = { agent: TAgent; offer?: TScreenPop; call?: TActiveCall; pop?: TScreenPop };

export type TConsoleAction =
  | { type: 'snapshot'; snapshot: TConsoleSnapshot }
  | { type: 'board'; board: TQueueBoard; at: number }
  | { type: 'pop'; pop: TScreenPop }
  | { type: 'event'; event: TOperatorEvent; at: number }
  | { type: 'dismissNotice' };

export const initialConsoleState: TConsoleState = {
  agent: undefined,
  pop: undefined,
  ringing: false,
  call: undefined,
  board: undefined,
  boardAt: 0,
  notice: undefined,
};

const idleStates = new Set(['available', 'break', 'offline']);

export function reduceConsole(state: TConsoleState, action: TConsoleAction): TConsoleState {
  switch (action.type) {
    case 'snapshot': {
      const { agent, offer, call } = action.snapshot;
      const keepPop = state.pop && (state.pop.queueCallId === offer?.queueCallId || state.pop.queueCallId === call?.queueCallId);
      const pop = offer ?? action.snapshot.pop ?? (keepPop ? state.pop : undefined);
      return { ...state, agent, call, pop: call || offer ? pop : undefined, ringing: Boolean(offer) && !call };
    }
    case 'board':
      return { ...state, board: action.board, boardAt: action.at };
    case 'pop':
      return state.call?.queueCallId === action.pop.queueCallId || state.pop?.queueCallId === action.pop.queueCallId
        ? { ...state, pop: action.pop }
        : state;
    case 'dismissNotice':
      return { ...state, notice: undefined };
    case 'event':
      return applyEvent(state, action.event, action.at);
  }
}

function applyEvent(state: TConsoleState, event: TOperatorEvent, at: number): TConsoleState {
  switch (event.type) {
    case 'offer':
      return { ...state, pop: event.offer, ringing: true, notice: undefined };
    case 'offer.withdrawn':
      if (state.pop?.queueCallId !== event.queueCallId || state.call) return state;
      return { ...state, pop: undefined, ringing: false, notice: 'withdrawn' };
    case 'call.connected':
    case 'call.held':
    case 'call.resumed': {
      const samePop = state.pop?.queueCallId === event.call.queueCallId;
      return { ...state, call: event.call, ringing: false, pop: samePop ? state.pop : undefined, notice: undefined };
    }
    case 'call.ended': {
      if (state.call?.queueCallId !== event.queueCallId) return state;
      if (!event.wrapUpUntil) return { ...state, call: undefined, pop: undefined, notice: 'ended' };
      return { ...state, call: { ...state.call, status: 'wrap_up', wrapUpUntil: event.wrapUpUntil, consulting: undefined } };
    }
    case 'agent.state': {
      if (!state.agent || state.agent.userId !== event.userId) return state;
      const agent = { ...state.agent, state: event.state, stateSince: event.stateSince };
      // Back to a state with no call: wrap-up ended (by code or by its timer) or the offer expired.
      if (idleStates.has(event.state)) return { ...state, agent, call: undefined, pop: undefined, ringing: false };
      return { ...state, agent };
    }
    case 'board':
      return { ...state, board: event.board, boardAt: at };
    case 'supervisor':
      return state;
  }
}

/** Seconds elapsed since an ISO instant, never negative when the browser's clock runs behind the server's. */
export function secondsSince(iso: string, now: number): number {
  const start = Date.parse(iso);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now - start) / 1000));
}

/** `m:ss` under an hour, `h:mm:ss` beyond. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
