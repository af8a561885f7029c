import { useState, type FormEvent } from 'react';
import { pickLanguage, type TArticleContent } from '../../shared/knowledge.ts';
import { sendArticle } from '../api/knowledge.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { Markdown } from './markdown.tsx';

type TArticleViewProps = { tenantId: string; slug: string; content: unknown; callerPhone?: string; callerEmail?: string; compact?: boolean };

/** A published article on the operator's screen, with the summary to read out and a way to send it. */
export function ArticleView({ tenantId, slug, content, callerPhone, callerEmail, compact }: TArticleViewProps) {
  const { t, language } = useI18n();
  const variant = pickLanguage((content as TArticleContent).variants, language);
  if (!variant) return null;
  const Heading = compact ? 'h3' : 'h2';
  return (
    <article className="kb-article" lang={variant.language} data-testid="kb-article">
      <Heading>{variant.value.title}</Heading>
      <p className="kb-article__summary"><span className="kb-article__say">{t('kb.say')}</span> {variant.value.summary}</p>
      <Markdown source={variant.value.body} />
      <SendArticleForm tenantId={tenantId} slug={slug} callerPhone={callerPhone} callerEmail={callerEmail} />
    </article>
  );
}

function SendArticleForm({ tenantId, slug, callerPhone, callerEmail }: { tenantId: string; slug: string; callerPhone?: string; callerEmail?: string }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [channel, setChannel] = useState<'sms' | 'email'>(callerPhone || !callerEmail ? 'sms' : 'email');
  const [to, setTo] = useState((callerPhone || !callerEmail ? callerPhone : callerEmail) ?? '');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'sent' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      await sendArticle(api, slug, { tenantId, channel, to, language });
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  const pick = (next: 'sms' | 'email') => {
    setChannel(next);
    setTo((next === 'sms' ? callerPhone : callerEmail) ?? '');
  };
  return (
    <form className="kb-send" onSubmit={submit} aria-label={t('kb.send')}>
      <div className="field field--inline">
        <label htmlFor={`send-channel-${slug}`}>{t('kb.sendBy')}</label>
        <select id={`send-channel-${slug}`} value={channel} onChange={(e) => pick(e.target.value as 'sms' | 'email')}>
          <option value="sms">SMS</option>
          <option value="email">{t('kb.email')}</option>
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`send-to-${slug}`}>{t('kb.sendTo')}</label>
        <input id={`send-to-${slug}`} type={channel === 'sms' ? 'tel' : 'email'} required value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={state.kind === 'busy'}>{t('kb.send')}</button>
      <span aria-live="polite">{state.kind === 'sent' ? <span className="notice-inline">{t('kb.sent')}</span> : null}</span>
      {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
