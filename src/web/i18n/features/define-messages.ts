/**
 * One feature's messages in the three languages. Spanish is the reference: Catalan and English
 * must carry exactly its keys, so a missing translation is a type error.
 */
export function defineMessages<const T extends Record<string, string>>(set: {
  es: T;
  ca: Readonly<Record<keyof T, string>>;
  en: Readonly<Record<keyof T, string>>;
}) {
  return set;
}
