import type { TKbVersion } from '../../shared/api/knowledge.ts';
import { useI18n } from '../i18n/i18n-context.ts';

/** Every version of an entry: who saved it, when, what changed, and who published it. */
export function EntryHistory({ versions }: { versions: TKbVersion[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="kb-history" aria-labelledby="kb-history-title">
      <h2 id="kb-history-title">{t('kb.history')}</h2>
      <ol className="kb-history__list" data-testid="kb-history">
        {versions.map((v) => (
          <li key={v.version}>
            <p>
              <strong>v{v.version}</strong> <span className={`kb-state kb-state--${v.status}`}>{t(`kb.state.${v.status}`)}</span>{' '}
              {t('kb.savedBy', { who: v.authorName, when: formatDateTime(v.createdAt) })}
              {v.publishedAt ? ` · ${t('kb.publishedBy', { who: v.publishedBy ?? '', when: formatDateTime(v.publishedAt) })}` : ''}
            </p>
            {v.note ? <p className="muted">{v.note}</p> : null}
            <p className="muted mono">{v.changes.join(', ')}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
