import { ApiError } from '../api/api-error.ts';

/** The API names intake errors `intake.<key>`; the form shows them under the field. */
export function fieldErrors(error: unknown): { byKey: Map<string, string>; rest: boolean } {
  const byKey = new Map<string, string>();
  if (!(error instanceof ApiError)) return { byKey, rest: Boolean(error) };
  let rest = error.fields.length === 0;
  for (const field of error.fields) {
    const key = /^intake\.([^.]+)/.exec(field.path)?.[1];
    if (key) byKey.set(key, field.message);
    else rest = true;
  }
  return { byKey, rest };
}
