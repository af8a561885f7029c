import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TLabels, TLanguage } from '../../shared/common.ts';
import { dictionaries, intlLocales, translate, type TParams } from './dictionaries.ts';
import type { TMessageKey } from './es.ts';
import { I18nContext, type TI18n } from './i18n-context.ts';
import { findSavedLanguage, pickInitialLanguage, saveLanguage } from './language-preference.ts';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<TLanguage>(pickInitialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: TLanguage) => {
    saveLanguage(next);
    setLanguageState(next);
  }, []);

  const adoptAccountLanguage = useCallback((accountLanguage: TLanguage | null) => {
    if (accountLanguage && !findSavedLanguage()) setLanguageState(accountLanguage);
  }, []);

  const value = useMemo<TI18n>(() => {
    const messages = dictionaries[language];
    const dateTime = new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'medium' });
    const format = (formatter: Intl.DateTimeFormat, iso: string) => {
      const parsed = new Date(iso);
      return Number.isNaN(parsed.getTime()) ? iso : formatter.format(parsed);
    };
    return {
      language,
      setLanguage,
      adoptAccountLanguage,
      t: (key: TMessageKey, params?: TParams) => translate(messages, key, params),
      label: (labels: TLabels | undefined, fallback: string) =>
        labels?.[language] ?? labels?.es ?? labels?.ca ?? labels?.en ?? fallback,
      formatDateTime: (iso: string) => format(dateTime, iso),
      formatDate: (iso: string) => format(date, iso),
    };
  }, [language, setLanguage, adoptAccountLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
