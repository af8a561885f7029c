import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { createRateLimiter } from '../rate-limiter.ts';
import { clientAddress } from './client-address.ts';
import type { HttpEnv } from './http-env.ts';

/**
 * A fixed-window budget per client address for public routes (offer links, status links,
 * sign-in links, inbound SMS): enough for a person, too little to guess tokens. One limiter
 * per group of routes, built by the HTTP adapter; the clock is injected so tests can move it.
 */
export function rateLimit(options: { limit: number; windowMs: number; clock: Clock; name: string }): MiddlewareHandler<HttpEnv> {
  const limiter = createRateLimiter(options);
  return async (c, next) => {
    const key = clientAddress(c);
    if (!limiter.take(key)) {
      c.header('retry-after', String(Math.ceil(limiter.retryAfterMs(key) / 1000)));
      throw new AppError('rate_limited', `too many ${options.name} requests; try again later`);
    }
    await next();
  };
}
