import { useEffect, useState, type FormEvent } from 'react';
import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { classifySearch, type TSearchKind } from './search-classifier.ts';

const hintKeys: Readonly<Record<TSearchKind, TMessageKey>> = {
  reference: 'cases.searchAsReference',
  phone: 'cases.searchAsPhone',
  text: 'cases.searchAsText',
};

const typingPause = 350;

/** Searches after a short pause in typing, or at once on Enter. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);

  useEffect(() => setDraft(value), [value]);

  useEffect(() => {
    if (draft.trim() === value.trim()) return;
    const timer = window.setTimeout(() => onSearch(draft), typingPause);
    return () => window.clearTimeout(timer);
  }, [draft, value, onSearch]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(draft);
  };

  const kind = classifySearch(draft)?.kind;

  return (
    <form className="search-box" role="search" onSubmit={onSubmit}>
      <label htmlFor="case-search" className="visually-hidden">
        {t('cases.searchLabel')}
      </label>
      <span className="search-box__icon">
        <Icon name="search" />
      </span>
      <input
        id="case-search"
        data-testid="case-search"
        className="search-box__input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('cases.searchPlaceholder')}
        value={draft}
        aria-describedby="case-search-hint"
        onChange={(event) => setDraft(event.target.value)}
      />
      <span id="case-search-hint" className="search-box__hint" aria-live="polite">
        {kind ? t(hintKeys[kind]) : ''}
      </span>
      <button type="submit" className="visually-hidden">
        {t('cases.searchSubmit')}
      </button>
    </form>
  );
}
