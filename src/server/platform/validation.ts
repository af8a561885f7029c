import type { z } from 'zod';
import { AppError, type FieldError } from './errors.ts';

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path: [base, ...issue.keys].filter(Boolean).join('.'), message: 'unknown field' };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return { path: base || '(body)', message: 'required' };
    }
    return { path: base || '(body)', message: issue.message };
  });
}

/** Validates input at an edge; the caller gets every field and reason at once. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrorsOf(result.error);
    throw new AppError('validation_failed', `invalid ${what}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
  }
  return result.data;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string | undefined): value is string => value !== undefined && uuidPattern.test(value);

/** A malformed id in a path names nothing: it is a 404 like any unknown id. */
export function requireUuid(value: string | undefined, what: string): string {
  if (!isUuid(value)) throw new AppError('not_found', `${what} not found`);
  return value.toLowerCase();
}
