import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import type { HttpEnv } from '../platform/http/http-env.ts';
import type { MetricsRegistry } from './metrics-registry.ts';

export interface MetricsAccess {
  registry: MetricsRegistry;
  /** Bearer token a scraper must send; unset: only scrapers on this machine (loopback) are answered. */
  token: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function isLoopback(c: Context<HttpEnv>): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
  } catch {
    // Not served by Node's HTTP server (in-process requests): no address, so not loopback.
    return false;
  }
}

function requireScraper(c: Context<HttpEnv>, token: string | undefined) {
  if (token === undefined) {
    if (!isLoopback(c)) throw new AppError('forbidden', 'metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere');
    return;
  }
  const sent = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  // Comparing digests keeps the time independent of where the strings differ, and of their lengths.
  if (!timingSafeEqual(digest(sent), digest(token))) throw new AppError('unauthenticated', 'send the metrics bearer token');
}

/** `GET /metrics` in the Prometheus text format, outside the API and its sessions. */
export function serveMetrics(app: Hono<HttpEnv>, access: MetricsAccess): void {
  app.get('/metrics', async (c) => {
    requireScraper(c, access.token);
    return c.body(await access.registry.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
  });
}
