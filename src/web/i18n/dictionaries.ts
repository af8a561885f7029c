import type { TLanguage } from '../../shared/common.ts';
import { ca } from './ca.ts';
import { en } from './en.ts';
import { es, type TMessageKey, type TMessages } from './es.ts';

export const dictionaries: Readonly<Record<TLanguage, TMessages>> = { es, ca, en };

/** Regional tags so that Intl picks the day-first date order used on the desk. */
export const intlLocales: Readonly<Record<TLanguage, string>> = { es: 'es-ES', ca: 'ca-ES', en: 'en-GB' };

export type TParams = Readonly<Record<string, string | number>>;

export function translate(messages: TMessages, key: TMessageKey, params?: TParams): string {
  const template = messages[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
