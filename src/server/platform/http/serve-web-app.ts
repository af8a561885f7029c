import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import type { HttpEnv } from './http-env.ts';

/** Serves the built web app; any other path gets index.html so the client router can take it. */
export function serveWebApp(app: Hono<HttpEnv>, webRoot: string) {
  const root = relative(process.cwd(), webRoot) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root }));
  app.get('*', async (c) => {
    const index = join(webRoot, 'index.html');
    if (!existsSync(index)) return c.text('The web app is not built: run npm run build:web', 503);
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  });
}
