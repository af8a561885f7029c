import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useSession } from '../session/session-context.ts';
import { LanguageSwitcher } from '../shell/language-switcher.tsx';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useDocumentTitle(t('login.title'));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  const badCredentials = error instanceof ApiError && error.status === 401;

  return (
    <div className="login">
      <div className="login__corner">
        <LanguageSwitcher />
      </div>
      <main className="login__card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            C
          </span>
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {expired && error === undefined ? (
          <p className="notice notice--info" role="status">
            {t('login.expired')}
          </p>
        ) : null}
        <form className="form" onSubmit={onSubmit} data-testid="login-form" aria-busy={submitting}>
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input
              id="login-email"
              data-testid="login-email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              autoFocus
              value={email}
              aria-invalid={badCredentials}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              data-testid="login-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={badCredentials}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {badCredentials ? (
            <p className="notice notice--error" role="alert" data-testid="login-error">
              {t('login.invalid')}
            </p>
          ) : error !== undefined ? (
            <div data-testid="login-error">
              <ErrorNotice error={error} />
            </div>
          ) : null}
          <button type="submit" className="button button--primary button--block" data-testid="login-submit" disabled={submitting}>
            {submitting ? <span className="spinner spinner--inverse" aria-hidden="true" /> : null}
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
