import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { HttpEnv } from './http-env.ts';

/** The peer's address as Node saw it; behind a proxy every client shares the proxy's budget. */
function clientAddress(c: Parameters<MiddlewareHandler<HttpEnv>>[0]): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * A fixed-window budget per client address for public routes (offer links, status links,
 * sign-in links, inbound SMS): enough for a person, too little to guess tokens. One limiter
 * per group of routes, built by the HTTP adapter; the clock is injected so tests can move it.
 */
export function rateLimit(options: { limit: number; windowMs: number; clock: Clock; name: string }): MiddlewareHandler<HttpEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = options.clock.now().getTime();
    const key = clientAddress(c);
    let window = windows.get(key);
    if (!window || now - window.start >= options.windowMs) {
      // Old windows are dropped when the map grows, so a scan from many addresses cannot fill memory.
      if (windows.size > 50_000) windows.clear();
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.limit) {
      c.header('retry-after', String(Math.ceil((window.start + options.windowMs - now) / 1000)));
      throw new AppError('rate_limited', `too many ${options.name} requests; try again later`);
    }
    await next();
  };
}
