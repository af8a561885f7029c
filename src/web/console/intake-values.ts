import type { TIntakeValues } from '../../shared/intake-schema.ts';

/** Keeps the values a case can hold; the IVR's collected map is typed loosely on the wire. */
export function toIntakeValues(collected: Readonly<Record<string, unknown>>): TIntakeValues {
  const values: TIntakeValues = {};
  for (const [key, value] of Object.entries(collected)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value;
  }
  return values;
}
