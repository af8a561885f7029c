/** The only way the SIP layers wait, so unit tests can drive retransmission schedules with a fake clock. */
export interface SipTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemSipTimers: SipTimers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** RFC 3261 timer bases (17.1.1.1): T1 is the round-trip estimate, T2 the cap for non-INVITE retransmissions, T4 how long the network holds a message. */
export interface SipTimerConfig {
  t1: number;
  t2: number;
  t4: number;
}

export const defaultSipTimerConfig: Readonly<SipTimerConfig> = Object.freeze({ t1: 500, t2: 4000, t4: 5000 });

export function resolveSipTimerConfig(overrides: Partial<SipTimerConfig> = {}): SipTimerConfig {
  const config = { ...defaultSipTimerConfig, ...overrides };
  if (!(config.t1 > 0 && config.t2 >= config.t1 && config.t4 > 0)) throw new RangeError('SIP timers need 0 < T1 <= T2 and T4 > 0');
  return config;
}

/** A transaction's timers by RFC name (A, B, E, F, G, H...), so a state change can stop exactly the ones it ends. */
export interface NamedTimers {
  start(name: string, delayMs: number, callback: () => void): void;
  stop(name: string): void;
  stopAll(): void;
}

export function createNamedTimers(timers: SipTimers): NamedTimers {
  const handles = new Map<string, unknown>();
  const stop = (name: string) => {
    if (!handles.has(name)) return;
    timers.clearTimeout(handles.get(name));
    handles.delete(name);
  };
  return {
    start(name, delayMs, callback) {
      stop(name);
      handles.set(
        name,
        timers.setTimeout(() => {
          handles.delete(name);
          callback();
        }, delayMs),
      );
    },
    stop,
    stopAll() {
      for (const name of [...handles.keys()]) stop(name);
    },
  };
}
