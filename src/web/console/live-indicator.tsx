import { useI18n } from '../i18n/i18n-context.ts';
import type { TLiveStatus } from './use-operator-events.ts';

/** Says whether what is on screen is live, so nobody trusts a frozen board. */
export function LiveIndicator({ status }: { status: TLiveStatus }) {
  const { t } = useI18n();
  return (
    <span className={`live live--${status}`} role="status" data-testid="live-status" data-status={status}>
      <span className="live__dot" aria-hidden="true" />
      {t(`live.${status}`)}
    </span>
  );
}
