import assert from 'node:assert/strict';

/** A signed-in API client against a spawned desk (cookie + CSRF, as the web app does). */
export async function signInTo(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `${email} could not sign in`);
  const body = (await res.json()) as { csrfToken: string };
  const headers = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' };
  const call = async (method: string, path: string, payload?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined } as { status: number; body: any };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, payload?: unknown) => call('POST', path, payload ?? {}),
    patch: (path: string, payload: unknown) => call('PATCH', path, payload),
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
