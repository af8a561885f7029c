import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { TPortalTenant } from '../../shared/api/knowledge.ts';
import type { TIntakeField, TIntakeSchema, TIntakeValues } from '../../shared/intake-schema.ts';
import { ApiError } from '../api/api-error.ts';
import type { TPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useLocation } from '../router/use-location.ts';
import { IntakeInput } from './intake-input.tsx';

type TRaw = Record<string, string>;

/** Raw form strings → intake values of the field types; empty answers are left out for the server to judge. */
function toIntake(schema: TIntakeSchema, raw: TRaw): TIntakeValues {
  const intake: TIntakeValues = {};
  for (const field of schema.fields) {
    const value = raw[field.key]?.trim() ?? '';
    if (value === '') continue;
    intake[field.key] = field.type === 'boolean' ? value === 'true' : field.type === 'number' ? Number(value) : value;
  }
  return intake;
}

function readPrefill(search: string): { raw: TRaw; tree?: string } {
  const params = new URLSearchParams(search);
  const raw: TRaw = {};
  try {
    const parsed: unknown = JSON.parse(params.get('prefill') ?? '{}');
    if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) if (['string', 'number', 'boolean'].includes(typeof v)) raw[k] = String(v);
  } catch {
    // A hand-edited address with broken JSON simply starts an empty form.
  }
  const tree = params.get('tree') ?? undefined;
  return tree ? { raw, tree } : { raw };
}

/** The tenant's protocol form: the same fields and validation as the phone line and the console. */
export function PortalCaseForm({ portal, tenant }: { portal: TPortalApi; tenant: TPortalTenant }) {
  const { t, label } = useI18n();
  const { search } = useLocation();
  const schema = tenant.intakeSchema as TIntakeSchema | null;
  const prefill = useMemo(() => readPrefill(search), [search]);
  const [raw, setRaw] = useState<TRaw>(prefill.raw);
  const [contact, setContact] = useState({ name: '', phone: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ reference: string; duplicate: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // After a refused submit the first field in error takes the focus, so keyboard and screen-reader users land on it.
    if (attempt > 0) document.querySelector<HTMLElement>('.portal-form [aria-invalid="true"]')?.focus();
  }, [attempt]);

  if (!schema) return <p>{t('portal.noForm')}</p>;
  if (done) {
    return (
      <div className="notice notice--info portal-done" role="status" data-testid="case-opened">
        <p className="notice__title">{done.duplicate ? t('portal.duplicate') : t('portal.caseOpened')}</p>
        <p className="portal-done__reference">{done.reference}</p>
        <p>{t('portal.keepReference')}</p>
      </div>
    );
  }

  // The server names the field and the reason in English; the customer reads it in their language.
  const localMessage = (path: string): string => {
    const value = path.startsWith('intake.') ? raw[path.slice('intake.'.length)] : contact[path as 'name' | 'phone'];
    if (!value?.trim()) return t('portal.errRequired');
    return path === 'phone' ? t('portal.errPhone') : t('portal.errInvalid');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const body = { ...contact, intake: toIntake(schema, raw), ...(prefill.tree ? { treeSlug: prefill.tree } : {}) };
      setDone(await portal.openCase(body));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(Object.fromEntries(error.fields.map((f) => [f.path, localMessage(f.path)])));
        setAttempt((n) => n + 1);
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (path: string) => errors[path];
  const fieldError = (id: string, path: string) =>
    errorOf(path) ? <p className="field__error" id={`${id}-error`} data-testid={`error-${path}`}>{errorOf(path)}</p> : null;
  const contactInput = (key: 'name' | 'phone', type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`case-${key}`}>{t(`portal.${key}`)}</label>
      <input
        id={`case-${key}`} type={type} autoComplete={autoComplete} value={contact[key]}
        aria-invalid={errorOf(key) ? true : undefined} aria-describedby={errorOf(key) ? `case-${key}-error` : undefined}
        onChange={(e) => setContact({ ...contact, [key]: e.target.value })}
      />
      {fieldError(`case-${key}`, key)}
    </div>
  );

  return (
    <section aria-labelledby="case-title">
      <h1 className="page__title" id="case-title">{t('portal.newCaseTitle')}</h1>
      {Object.keys(prefill.raw).length > 0 ? <p className="notice notice--info">{t('portal.prefilled')}</p> : null}
      <form className="form portal-form" onSubmit={submit} noValidate>
        {contactInput('name', 'text', 'name')}
        {contactInput('phone', 'tel', 'tel')}
        {schema.fields.map((field: TIntakeField) => (
          <div className="field" key={field.key}>
            <IntakeInput
              field={field} id={`case-${field.key}`} label={label(field.labels, field.key)} value={raw[field.key] ?? ''}
              error={errorOf(`intake.${field.key}`)} onChange={(value) => setRaw({ ...raw, [field.key]: value })}
            />
            {fieldError(`case-${field.key}`, `intake.${field.key}`)}
          </div>
        ))}
        <div className="field">
          <label htmlFor="case-description">{t('portal.description')}</label>
          <textarea id="case-description" rows={3} value={contact.description} onChange={(e) => setContact({ ...contact, description: e.target.value })} />
        </div>
        {failure ? <ErrorNotice error={failure} /> : null}
        {Object.keys(errors).length > 0 ? <p className="notice notice--error" role="alert">{t('portal.fixErrors')}</p> : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('portal.sending') : t('portal.send')}
        </button>
      </form>
    </section>
  );
}
