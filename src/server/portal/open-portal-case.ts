import type { z } from 'zod';
import type { ZPortalCase } from '../../shared/api/knowledge.ts';
import { createCase } from '../cases/create-case.ts';
import { validateIntake } from '../cases/validate-intake.ts';
import { findE164 } from '../phones/normalise-phone.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { findPublished } from '../knowledge/published-knowledge.ts';
import type { PortalDeps } from './portal-deps.ts';

/**
 * A customer opens a case on the portal: the same use case, validation and duplicate guard as the
 * phone line and the console, with the channel `portal`. A duplicate answers with the open case's
 * reference, exactly as the phone line says it.
 */
export async function openPortalCase(deps: PortalDeps, tenant: { id: string; country: string }, input: z.output<typeof ZPortalCase>) {
  await checkForm(deps, tenant, input);
  const result = await createCase(deps, { kind: 'caller', name: input.name }, {
    tenantId: tenant.id,
    customer: { name: input.name, phones: [input.phone] },
    callerPhone: input.phone,
    intake: input.intake,
    description: input.description,
    channel: 'portal',
  });
  if (input.treeSlug) {
    const tree = await findPublished(deps.knowledge, tenant.id, 'tree', input.treeSlug);
    if (tree) await deps.knowledge.insertUses([{ tenantId: tenant.id, entryId: tree.entryId, channel: 'portal', kind: 'escalated', callId: null, at: deps.clock.now() }]);
  }
  return { reference: result.case.reference, duplicate: result.duplicate };
}

/** Every mistake on the form at once (name, phone and each intake field), so the customer fixes them in one go. */
async function checkForm(deps: PortalDeps, tenant: { id: string; country: string }, input: z.output<typeof ZPortalCase>): Promise<void> {
  const fields: FieldError[] = [];
  if (!input.name) fields.push({ path: 'name', message: 'required' });
  if (!input.phone) fields.push({ path: 'phone', message: 'required' });
  else if (!findE164(input.phone, tenant.country)) fields.push({ path: 'phone', message: 'not a valid phone number' });
  const protocol = await deps.protocols.findInForce(tenant.id);
  if (!protocol) throw new AppError('conflict', 'this business does not take cases on the portal yet');
  try {
    validateIntake(protocol, input.intake);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    fields.push(...error.fields);
  }
  if (fields.length > 0) throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}
