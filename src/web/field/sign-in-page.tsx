import { useEffect, useState, type FormEvent } from 'react';
import { requestSignInLink, signInWithLink } from '../api/field.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { LanguageSwitcher } from '../shell/language-switcher.tsx';

/** The secret rides in the fragment, which browsers never send to a server or put in a Referer. */
export const fragmentToken = () => decodeURIComponent(window.location.hash.replace(/^#/, ''));

/**
 * Arriving with a one-time link signs the technician in; without one (or with a spent one) they
 * can ask for a new link by phone or e-mail.
 */
export function FieldSignInPage() {
  const { t } = useI18n();
  const api = useApi();
  useDocumentTitle(t('field.signIn.title'));
  const [token] = useState(fragmentToken);
  const [state, setState] = useState<'checking' | 'invalid' | 'ask' | 'sent'>(token ? 'checking' : 'ask');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (!token) return;
    // The fragment is cleared at once, so the spent link is not left in the history.
    window.history.replaceState(null, '', window.location.pathname);
    signInWithLink(api, token).then(
      // A full load starts the app with the new session, as after any sign-in.
      () => window.location.replace('/field'),
      () => setState('invalid'),
    );
  }, [api, token]);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await requestSignInLink(api, contact.trim());
      setState('sent');
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div className="login">
      <div className="login__corner">
        <LanguageSwitcher />
      </div>
      <main className="login__card" aria-live="polite">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">C</span>
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <h1 className="login__title">{t('field.signIn.title')}</h1>
        {state === 'checking' ? <p className="muted" data-testid="sign-in-checking">{t('field.signIn.checking')}</p> : null}
        {state === 'invalid' ? <p className="notice notice--error" role="alert" data-testid="sign-in-invalid">{t('field.signIn.invalid')}</p> : null}
        {state === 'sent' ? <p className="notice notice--info" role="status">{t('field.signIn.sent')}</p> : null}
        {state === 'ask' || state === 'invalid' ? (
          <form className="form" onSubmit={(e) => void ask(e)}>
            <div className="field">
              <label htmlFor="sign-in-contact">{t('field.signIn.contact')}</label>
              <input id="sign-in-contact" required autoComplete="username" value={contact} onChange={(e) => setContact(e.target.value)} />
            </div>
            {error !== undefined ? <ErrorNotice error={error} /> : null}
            <button type="submit" className="button button--primary button--block">{t('field.signIn.send')}</button>
          </form>
        ) : null}
      </main>
    </div>
  );
}
