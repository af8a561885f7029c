import { useState } from 'react';
import { languages, type TLanguage } from '../../shared/common.ts';
import type { TArticleContent, TArticleVariant } from '../../shared/knowledge.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Markdown } from './markdown.tsx';

const emptyVariant: TArticleVariant = { title: '', summary: '', body: '' };

/** An article's language variants, one tab per language, with the page as customers will see it beside it. */
export function ArticleFields({ content, onChange }: { content: TArticleContent; onChange: (content: TArticleContent) => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<TLanguage>('es');
  const variant = content.variants[tab] ?? emptyVariant;
  const change = (patch: Partial<TArticleVariant>) => onChange({ variants: { ...content.variants, [tab]: { ...variant, ...patch } } });
  const remove = () => {
    const { [tab]: _gone, ...rest } = content.variants;
    onChange({ variants: rest });
  };
  return (
    <div className="kb-editor__article">
      <div className="kb-tabs" role="tablist" aria-label={t('lang.label')}>
        {languages.map((language) => (
          <button
            key={language} type="button" role="tab" id={`tab-${language}`} aria-selected={tab === language} aria-controls="kb-variant"
            className={`kb-tab${content.variants[language] ? ' kb-tab--filled' : ''}`} onClick={() => setTab(language)}
          >
            {t(`lang.${language}`)}
          </button>
        ))}
      </div>
      <div className="kb-editor__split" id="kb-variant" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <div className="form">
          <div className="field">
            <label htmlFor="kb-title-input">{t('kb.fieldTitle')}</label>
            <input id="kb-title-input" value={variant.title} onChange={(e) => change({ title: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="kb-summary-input">{t('kb.fieldSummary')}</label>
            <textarea id="kb-summary-input" rows={3} value={variant.summary} onChange={(e) => change({ summary: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="kb-body-input">{t('kb.fieldBody')}</label>
            <textarea id="kb-body-input" rows={12} className="mono" value={variant.body} onChange={(e) => change({ body: e.target.value })} />
          </div>
          {content.variants[tab] ? <button type="button" className="button button--small" onClick={remove}>{t('kb.removeLanguage')}</button> : null}
        </div>
        <div className="kb-preview" aria-label={t('kb.preview')}>
          <p className="kb-preview__label">{t('kb.preview')}</p>
          <h2>{variant.title}</h2>
          <p className="kb-article__summary">{variant.summary}</p>
          <Markdown source={variant.body} />
        </div>
      </div>
    </div>
  );
}
