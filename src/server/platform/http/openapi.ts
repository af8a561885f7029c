import { z } from 'zod';
import { ZErrorBody } from '../../../shared/common.ts';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  status: number;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

/** The OpenAPI document is generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = route.query ? queryParameters(route.query) : [];
    paths[path] ??= {};
    paths[path]![route.method] = {
      summary: route.summary,
      tags: [route.tag],
      security: route.auth ? [{ session: [] }, { bearer: [] }] : [],
      parameters: [...pathParams, ...queryParams],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        [route.status]: route.response
          ? { description: 'success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
          : { description: 'success' },
        '4XX': { description: 'the request was refused', content: { 'application/json': { schema: jsonSchema(ZErrorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Centralita API', version: info.version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'centralita_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

function queryParameters(schema: z.ZodType) {
  const doc = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(doc.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: doc.required?.includes(name) ?? false,
    schema: s,
  }));
}
