import type { ZodType } from 'zod';
import { ZErrorBody } from '../../shared/common.ts';
import { ApiError, badResponseCode, networkErrorCode } from './api-error.ts';

export type TQuery = Readonly<Record<string, string | number | null | undefined>>;

export type TRequest<T> = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: TQuery;
  body?: unknown;
  /** Validates the answer against the shared contract; omit for empty answers. */
  schema?: ZodType<T>;
  /** The login form handles its own 401 instead of being sent back to itself. */
  ignoreUnauthorized?: boolean;
  signal?: AbortSignal;
};

export type TApiClient = {
  request: <T>(path: string, options?: TRequest<T>) => Promise<T>;
  setCsrfToken: (token: string | null) => void;
};

export type TApiClientOptions = {
  baseUrl?: string;
  onUnauthorized: () => void;
  fetch?: typeof fetch;
};

const unsafeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function buildUrl(baseUrl: string, path: string, query: TQuery | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(status, code, message, fields);
  }
  return new ApiError(status, `http_${status}`, `HTTP ${status}`);
}

export function createApiClient(options: TApiClientOptions): TApiClient {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? window.fetch.bind(window);
  let csrfToken: string | null = null;

  async function request<T>(path: string, req: TRequest<T> = {}): Promise<T> {
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (unsafeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, req.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, networkErrorCode, error instanceof Error ? error.message : String(error));
    }

    const body = await readJson(response);
    if (!response.ok) {
      if (response.status === 401 && !req.ignoreUnauthorized) {
        csrfToken = null;
        options.onUnauthorized();
      }
      throw toApiError(response.status, body);
    }
    if (!req.schema) return body as T;
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) {
      console.error(`Unexpected answer from ${method} ${path}`, parsed.error.issues);
      throw new ApiError(response.status, badResponseCode, parsed.error.message);
    }
    return parsed.data;
  }

  return {
    request,
    setCsrfToken: (token) => {
      csrfToken = token;
    },
  };
}
