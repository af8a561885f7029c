import { useState } from 'react';
import type { TAgent } from '../../shared/api/operators.ts';
import { createSipPassword } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';

export function SipPhoneCard({ sip }: { sip: NonNullable<TAgent['sip']> }) {
  const { t } = useI18n();
  const api = useApi();
  const [password, setPassword] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState(false);

  const renew = async () => {
    if (!window.confirm(t('console.phone.confirmNewPassword'))) return;
    setWorking(true);
    setError(null);
    setCopied(false);
    try {
      setPassword(await createSipPassword(api));
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  const copy = async () => {
    if (!password) return;
    await navigator.clipboard.writeText(password).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <section className="card sip-phone" aria-labelledby="sip-phone-title">
      <div className="card__title-row">
        <h2 className="card__title" id="sip-phone-title">
          <Icon name="phone" /> {t('console.phone.title')}
        </h2>
        <span
          className={sip.registered ? 'registration registration--on' : 'registration registration--off'}
          data-testid="sip-registered"
          data-registered={sip.registered}
        >
          {t(sip.registered ? 'console.phone.registered' : 'console.phone.unregistered')}
        </span>
      </div>
      <dl className="facts facts--grid sip-phone__facts">
        <div>
          <dt>{t('console.phone.extension')}</dt>
          <dd data-testid="sip-extension">{sip.extension}</dd>
        </div>
        <div>
          <dt>{t('console.phone.username')}</dt>
          <dd>{sip.username}</dd>
        </div>
        <div>
          <dt>{t('console.phone.domain')}</dt>
          <dd>{sip.domain}</dd>
        </div>
        {sip.userAgent ? (
          <div>
            <dt>{t('console.phone.userAgent')}</dt>
            <dd>{sip.userAgent}</dd>
          </div>
        ) : null}
        {sip.contact ? (
          <div className="sip-phone__contact">
            <dt>{t('console.phone.contact')}</dt>
            <dd>
              <code>{sip.contact}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      {password ? (
        <div className="notice notice--info sip-phone__password" role="status">
          <p className="notice__title">{t('console.phone.passwordOnce')}</p>
          <div className="button-row">
            <code data-testid="sip-password">{password}</code>
            <button type="button" className="button button--small" onClick={() => void copy()}>
              {t(copied ? 'console.phone.copied' : 'console.phone.copy')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <details className="sip-phone__hint">
        <summary>{t('console.phone.hintTitle')}</summary>
        <p>{t('console.phone.hint', { username: sip.username, domain: sip.domain })}</p>
      </details>
      <button type="button" className="button button--small" disabled={working} onClick={() => void renew()}>
        {t('console.phone.newPassword')}
      </button>
    </section>
  );
}
