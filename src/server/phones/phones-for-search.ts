import { AppError } from '../platform/errors.ts';
import { findE164 } from './normalise-phone.ts';

/**
 * A number typed into a search box, as E.164 candidates: a national form is read with the
 * country of each tenant being searched. No valid reading is a 400 naming the field.
 */
export function phonesForSearch(input: string, countries: Iterable<string>, path = 'phone'): string[] {
  const phones = [...new Set([...countries].flatMap((country) => findE164(input, country) ?? []))];
  if (phones.length === 0) throw new AppError('validation_failed', `${path}: not a valid phone number`, [{ path, message: 'not a valid phone number' }]);
  return phones;
}
