import { languages, type TLanguage } from '../../shared/common.ts';

const storageKey = 'centralita.language';

export function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function findSavedLanguage(): TLanguage | undefined {
  try {
    const saved = window.localStorage.getItem(storageKey);
    return isLanguage(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveLanguage(language: TLanguage): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

function findBrowserLanguage(): TLanguage | undefined {
  const candidates = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of candidates) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

export function pickInitialLanguage(): TLanguage {
  return findSavedLanguage() ?? findBrowserLanguage() ?? 'es';
}
