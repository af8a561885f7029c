import { ZSignInLinkRequest, ZSignInWithLink } from '../../shared/api/field.ts';
import { findE164 } from '../phones/normalise-phone.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import { digestSecret, newSecret } from '../auth/secrets.ts';
import { startSession } from '../auth/sessions.ts';
import { dispatchTexts } from '../dispatch/dispatch-messages.ts';
import type { DispatchDeps } from '../dispatch/dispatch-deps.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { TechnicianRow } from '../technicians/technician-repository.ts';
import type { AuthRepository } from '../auth/auth-repository.ts';
import { createFieldRepository } from './field-repository.ts';

/** Long enough to walk from the van to the phone, short enough that a leaked SMS is soon useless. */
export const signInLinkLifetimeMs = 15 * 60_000;

export type FieldAuthDeps = DispatchDeps & { auth: AuthRepository };

/** Writes the link and sends it to the technician's own phone and e-mail, never to anyone else. */
async function sendLink(deps: FieldAuthDeps, technician: TechnicianRow): Promise<void> {
  if (!technician.userId || !technician.active) return;
  const tenantId = technician.tenantIds[0];
  if (!tenantId) return;
  const tenant = (await deps.tenants.findTenant(tenantId))!;
  const words = dispatchTexts(tenant.language);
  const token = newSecret('sl');
  const at = deps.clock.now();
  const link = `${deps.publicUrl}/field/sign-in#${token}`;
  await deps.db.transaction(async (tx) => {
    await createFieldRepository(tx).insertSignInLink({
      tokenHash: digestSecret(token), userId: technician.userId!, technicianId: technician.id, at, expiresAt: new Date(at.getTime() + signInLinkLifetimeMs),
    });
    const base = { tenantId, purpose: 'technician_update' as const, subject: words.signInSubject, body: words.signIn(link), idempotencyKey: `sign-in:${digestSecret(token)}` };
    await enqueueNotification(tx, { ...base, channel: 'sms', recipient: technician.phone, idempotencyKey: `${base.idempotencyKey}:sms` }, at);
    if (technician.email) await enqueueNotification(tx, { ...base, channel: 'email', recipient: technician.email, idempotencyKey: `${base.idempotencyKey}:email` }, at);
  });
}

/**
 * The technician types their phone or e-mail on the sign-in page. The answer is the same
 * whether or not anyone matched, so the page cannot be used to find out who works here.
 */
export async function requestSignInLink(deps: FieldAuthDeps, input: unknown): Promise<{ sent: true }> {
  const { contact } = parseInput(ZSignInLinkRequest, input, 'body');
  let technician: TechnicianRow | undefined;
  if (contact.includes('@')) {
    const user = await deps.auth.findUserByEmail(contact);
    technician = user ? await deps.technicians.findTechnicianByUser(user.id) : undefined;
  } else {
    const phone = findE164(contact, 'ES');
    technician = phone ? (await deps.technicians.findTechniciansByPhones([phone]))[0] : undefined;
  }
  if (technician) await sendLink(deps, technician);
  return { sent: true };
}

/** Whoever dispatches can send a technician their link (a new phone, a forgotten password). */
export async function sendSignInLink(deps: FieldAuthDeps, actor: Principal, tenantId: string, technicianId: string): Promise<{ sent: true }> {
  requireTenant(actor, tenantId);
  requirePermission(actor, 'case.assign');
  const technician = await deps.technicians.findTechnician(technicianId);
  if (!technician || !technician.tenantIds.includes(tenantId)) throw notFound('technician');
  if (!technician.userId) throw new AppError('conflict', 'the technician has no account to sign in to');
  await sendLink(deps, technician);
  return { sent: true };
}

/** Trades a one-time link for a session; a used, expired or unknown link is refused alike. */
export async function signInWithLink(deps: FieldAuthDeps, input: unknown) {
  const { token } = parseInput(ZSignInWithLink, input, 'body');
  const used = await createFieldRepository(deps.db).consumeSignInLink(digestSecret(token), deps.clock.now());
  const user = used ? await deps.auth.findUserById(used.userId) : undefined;
  if (!user || !user.active || user.role !== 'technician') throw new AppError('unauthenticated', 'this sign-in link is not valid any more: ask for a new one');
  return startSession(deps, user);
}
