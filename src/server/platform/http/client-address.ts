import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { HttpEnv } from './http-env.ts';

/** The socket's address: a forwarded-for header is the client's to forge, so it is not trusted here. */
export function clientAddress(c: Context<HttpEnv>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
