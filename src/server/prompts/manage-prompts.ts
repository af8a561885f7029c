import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import type { CallRepository } from '../calls/call-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { convertUploadedPrompt } from '../telephony/prompts/uploaded-prompt.ts';
import { ZPromptName, type TPrompt } from '../../shared/api/prompts.ts';

export interface PromptDeps {
  db: Queryable;
  calls: CallRepository;
}

/**
 * A tenant's own recorded prompt (a WAV), checked for format, length and size, converted once
 * to 8 kHz µ-law and kept with the recordings; flows play it by id.
 */
export async function uploadPrompt(deps: PromptDeps, actor: Principal, tenantId: string, name: unknown, wav: Uint8Array): Promise<TPrompt> {
  requireTenant(actor, tenantId);
  requirePermission(actor, 'tenant.manage');
  const promptName = parseInput(ZPromptName, name, 'name');
  const converted = await convertUploadedPrompt(wav);
  if (!converted.ok) {
    throw new AppError('validation_failed', `the file is not a usable prompt: ${converted.detail}`, [
      { path: '(body)', message: `${converted.reason}: ${converted.detail}` },
    ]);
  }
  const id = await deps.calls.insertRecording({
    tenantId, callId: null, caseId: null, kind: 'prompt', encoding: 'pcmu', sampleRate: 8000,
    durationMs: Math.round(converted.prompt.durationMs), audio: Buffer.concat(converted.prompt.pcmu), name: promptName,
  });
  return { id, tenantId, name: promptName, durationMs: Math.round(converted.prompt.durationMs), createdAt: new Date().toISOString() };
}

export async function listPrompts(deps: PromptDeps, actor: Principal, tenantId: string): Promise<TPrompt[]> {
  requireTenant(actor, tenantId);
  requirePermission(actor, 'tenant.read');
  const rows = await deps.db.query<{ id: string; tenantId: string; name: string; durationMs: number; createdAt: Date }>(
    `select id, tenant_id as "tenantId", name, duration_ms as "durationMs", created_at as "createdAt"
     from recordings where tenant_id = $1 and kind = 'prompt' order by name, created_at`,
    [tenantId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function deletePrompt(deps: PromptDeps, actor: Principal, tenantId: string, id: string): Promise<void> {
  requireTenant(actor, tenantId);
  requirePermission(actor, 'tenant.manage');
  const rows = await deps.db.query(`delete from recordings where id = $1 and tenant_id = $2 and kind = 'prompt' returning id`, [id, tenantId]);
  if (rows.length === 0) throw notFound('prompt');
}
