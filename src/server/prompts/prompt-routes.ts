import { z } from 'zod';
import { ZPrompt } from '../../shared/api/prompts.ts';
import { AppError } from '../platform/errors.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../telephony/prompts/uploaded-prompt.ts';
import { deletePrompt, listPrompts, uploadPrompt, type PromptDeps } from './manage-prompts.ts';

export const promptUploadPath = '/api/v1/tenants/:id/prompts';

export function registerPromptRoutes(routes: RouteTable, deps: PromptDeps) {
  const tag = 'prompts';
  routes.route(
    { method: 'get', path: promptUploadPath, summary: "A tenant's recorded prompts", tag, response: z.object({ items: z.array(ZPrompt) }) },
    async ({ principal, params }) => ({ items: await listPrompts(deps, principal, requireUuid(params.id, 'tenant')) }),
  );
  routes.route(
    {
      method: 'post', path: promptUploadPath, tag, response: ZPrompt, status: 201,
      summary: 'Upload a recorded prompt: the body is the WAV file (audio/wav, 16-bit PCM, up to 120 s and 10 MB); ?name= names it',
    },
    async ({ principal, params, c }) => {
      if (!/^audio\/(x-)?wav\b|^audio\/wave\b/i.test(c.req.header('content-type') ?? '')) {
        throw new AppError('unsupported_media_type', 'send the prompt as audio/wav');
      }
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.byteLength > DEFAULT_UPLOAD_LIMITS.maxBytes) throw new AppError('payload_too_large', 'a prompt is limited to 10 MB');
      return uploadPrompt(deps, principal, requireUuid(params.id, 'tenant'), c.req.query('name'), body);
    },
  );
  routes.route({ method: 'delete', path: `${promptUploadPath}/:promptId`, summary: 'Remove a recorded prompt', tag, status: 204 }, async ({ principal, params }) => {
    await deletePrompt(deps, principal, requireUuid(params.id, 'tenant'), requireUuid(params.promptId, 'prompt'));
    return undefined;
  });
}
