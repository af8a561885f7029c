import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { HttpEnv } from './http-env.ts';

/** Every failure leaves as { error: { code, message, fields } }; unexpected ones never show internals. */
export function errorResponse(error: unknown, c: Context<HttpEnv>): Response {
  if (error instanceof AppError) {
    return c.json({ error: { code: error.code, message: error.message, fields: error.fields } }, error.status as 400);
  }
  c.get('log')?.error('request failed', { error, path: c.req.path, method: c.req.method });
  return c.json({ error: { code: 'internal', message: 'something went wrong on our side', fields: [] } }, 500);
}
