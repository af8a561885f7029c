export type TSearchKind = 'reference' | 'phone' | 'text';
export type TClassifiedSearch = { kind: TSearchKind; value: string };

const digitsAndSeparators = /^[\d\s-]+$/;
const phoneLike = /^\+?[\d\s\-().]+$/;

/**
 * Decides how the one search box queries the desk. References have at least 8 digits and phone numbers
 * in Spain have 9, so: 4 to 8 digits (spaces and dashes allowed) is a reference or its beginning;
 * a leading + or 9 or more digits in phone punctuation is a phone; anything else is free text.
 */
export function classifySearch(input: string): TClassifiedSearch | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const digits = text.replace(/\D/g, '');
  if (digitsAndSeparators.test(text) && digits.length >= 4 && digits.length <= 8) {
    return { kind: 'reference', value: digits };
  }
  if (phoneLike.test(text) && (text.startsWith('+') || digits.length >= 9) && digits.length >= 3) {
    return { kind: 'phone', value: text };
  }
  return { kind: 'text', value: text.slice(0, 100) };
}
