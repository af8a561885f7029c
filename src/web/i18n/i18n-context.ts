import { createContext, useContext } from 'react';
import type { TLabels, TLanguage } from '../../shared/common.ts';
import type { TParams } from './dictionaries.ts';
import type { TMessageKey } from './es.ts';

export type TI18n = {
  language: TLanguage;
  /** Switches the language and remembers it as the user's choice. */
  setLanguage: (language: TLanguage) => void;
  /** Adopts the account's language unless the user already chose one on this device. */
  adoptAccountLanguage: (language: TLanguage | null) => void;
  t: (key: TMessageKey, params?: TParams) => string;
  label: (labels: TLabels | undefined, fallback: string) => string;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
};

export const I18nContext = createContext<TI18n | null>(null);

export function useI18n(): TI18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an I18nProvider');
  return i18n;
}
