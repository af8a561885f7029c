import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { HttpEnv } from './http-env.ts';
import type { RouteDoc } from './openapi.ts';

export const maxBodyBytes = 1024 * 1024;

interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: RouteDoc['method'];
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  status?: 200 | 201 | 204;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<B, Q> {
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
  c: Context<HttpEnv>;
}

export interface PublicHandlerInput<B, Q> extends Omit<HandlerInput<B, Q>, 'principal'> {
  principal: Principal | undefined;
}

/** Routes register themselves and their documentation in one step, so the two never drift. */
export function createRouteTable(app: Hono<HttpEnv>) {
  const docs: RouteDoc[] = [];

  function add<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
    spec: RouteSpec<B, Q>,
    auth: boolean,
    handler: (input: PublicHandlerInput<Out<B>, Out<Q>>) => Promise<unknown>,
  ) {
    const status = spec.status ?? 200;
    docs.push({ ...spec, auth, status, body: spec.body, query: spec.query, response: spec.response });
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = c.get('auth')?.principal;
      if (auth && !principal) throw new AppError('unauthenticated', 'sign in or send a bearer token');
      const body = spec.body ? parseInput(spec.body, await readJson(c), 'body') : undefined;
      const query = spec.query ? parseInput(spec.query, c.req.query(), 'query') : undefined;
      const result = await handler({ principal, body, query, params: c.req.param() as Record<string, string>, c } as PublicHandlerInput<Out<B>, Out<Q>>);
      if (result instanceof Response) return result;
      if (status === 204) return c.body(null, 204);
      return c.json(result, status);
    });
  }

  return {
    docs,
    route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
      spec: RouteSpec<B, Q>,
      handler: (input: HandlerInput<Out<B>, Out<Q>>) => Promise<unknown>,
    ) {
      add(spec, true, handler as (input: PublicHandlerInput<Out<B>, Out<Q>>) => Promise<unknown>);
    },
    publicRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
      spec: RouteSpec<B, Q>,
      handler: (input: PublicHandlerInput<Out<B>, Out<Q>>) => Promise<unknown>,
    ) {
      add(spec, false, handler);
    },
  };
}

export type RouteTable = ReturnType<typeof createRouteTable>;

async function readJson(c: Context<HttpEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'send the body as application/json');
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBodyBytes) throw new AppError('payload_too_large', `the body is limited to ${maxBodyBytes} bytes`);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBodyBytes) throw new AppError('payload_too_large', `the body is limited to ${maxBodyBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_json', `the body is not valid JSON: ${(error as Error).message}`, [
      { path: '(body)', message: 'not valid JSON' },
    ]);
  }
}
