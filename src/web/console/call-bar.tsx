import { useState } from 'react';
import type { TActiveCall } from '../../shared/api/operators.ts';
import { actOnCall, type TCallAction } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { formatDuration, secondsSince } from './console-state.ts';
import { useShortcuts } from './use-shortcuts.ts';

type TCallBarProps = {
  call: TActiveCall;
  now: number;
  transferOpen: boolean;
  onToggleTransfer: () => void;
  onFocusForm: () => void;
  onDone: () => void;
};

/** What the operator does to the line while talking: hold, resume, transfer, hang up. */
export function CallBar({ call, now, transferOpen, onToggleTransfer, onFocusForm, onDone }: TCallBarProps) {
  const { t } = useI18n();
  const api = useApi();
  const [pending, setPending] = useState<TCallAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const held = call.status === 'held';

  const act = async (action: TCallAction) => {
    if (pending) return;
    setPending(action);
    setError(null);
    try {
      await actOnCall(api, call.queueCallId, action);
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(null);
    }
  };

  useShortcuts({ h: () => void act(held ? 'resume' : 'hold'), t: onToggleTransfer, f: onFocusForm }, true);

  return (
    <div className="call-bar" data-testid="call-bar" data-status={call.status}>
      <p className="call-bar__state" aria-live="polite">
        <span className={held ? 'call-dot call-dot--held' : 'call-dot'} aria-hidden="true" />
        {t(held ? 'console.pop.onHold' : 'console.pop.connected')}
        <span className="call-bar__timer">{formatDuration(secondsSince(call.since, now))}</span>
      </p>
      <div className="button-row">
        <button type="button" className="button" disabled={pending !== null} onClick={() => void act(held ? 'resume' : 'hold')} data-testid="call-hold">
          {t(held ? 'console.call.resume' : 'console.call.hold')} <kbd>H</kbd>
        </button>
        <button type="button" className="button" aria-expanded={transferOpen} onClick={onToggleTransfer} data-testid="call-transfer">
          {t('console.call.transfer')} <kbd>T</kbd>
        </button>
        <button type="button" className="button button--danger" disabled={pending !== null} onClick={() => void act('hangup')} data-testid="call-hangup">
          {t('console.call.hangup')}
        </button>
      </div>
      <p className="muted call-bar__hint">{t('console.call.shortcuts')}</p>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
