import { ApiError, badResponseCode, networkErrorCode } from '../api/api-error.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';

function headlineKey(error: unknown): TMessageKey {
  if (!(error instanceof ApiError)) return 'error.generic';
  if (error.code === networkErrorCode) return 'error.network';
  if (error.code === badResponseCode) return 'error.badResponse';
  if (error.status === 400 || error.status === 422) return 'error.validation';
  if (error.status === 403) return 'error.forbidden';
  if (error.status === 404) return 'error.notFound';
  if (error.status === 409) return 'error.conflict';
  if (error.status >= 500) return 'error.server';
  return 'error.generic';
}

type TErrorNoticeProps = { error: unknown; onRetry?: () => void };

/** Shows an API error where it happened: our headline, the server's message and each named field. */
export function ErrorNotice({ error, onRetry }: TErrorNoticeProps) {
  const { t } = useI18n();
  const headline = t(headlineKey(error));
  const isApiError = error instanceof ApiError;
  const detail = isApiError && error.code !== networkErrorCode && error.code !== badResponseCode ? error.message : '';
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{headline}</p>
      {detail && detail !== headline ? <p className="notice__detail">{detail}</p> : null}
      {isApiError && error.fields.length > 0 ? (
        <ul className="notice__fields">
          {error.fields.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              <code>{field.path}</code> {field.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
