import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../platform/errors.ts';

/**
 * Every phone number the desk stores or compares is E.164. National forms are read in the
 * tenant's country ("612 34 56 78" in ES → +34612345678); caller IDs with a 00 prefix too.
 */
export function findE164(input: string, country: string): string | undefined {
  const cleaned = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, country as CountryCode);
  if (!parsed || !parsed.isValid()) return undefined;
  return parsed.number;
}

export function normalisePhone(input: string, country: string, path: string): string {
  const e164 = findE164(input, country);
  if (!e164) throw new AppError('validation_failed', `${path}: not a valid phone number`, [{ path, message: 'not a valid phone number' }]);
  return e164;
}
