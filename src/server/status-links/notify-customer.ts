import type { TLanguage } from '../../shared/common.ts';
import { digestSecret, newSecret } from '../auth/secrets.ts';
import type { CaseRow } from '../cases/case-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { createStatusLinkRepository } from './status-link-repository.ts';

export type TCustomerStage = 'assigned' | 'en_route' | 'resolved';

const texts: Record<TLanguage, Record<TCustomerStage, (ref: string, tech: string) => string> & { subject: (ref: string) => string; follow: string }> = {
  es: {
    subject: (ref) => `Su aviso ${ref}`,
    assigned: (ref, tech) => `Su aviso ${ref} está asignado${tech ? ` a ${tech}` : ''}.`,
    en_route: (ref, tech) => `${tech || 'El técnico'} va de camino por su aviso ${ref}.`,
    resolved: (ref) => `Su aviso ${ref} está resuelto. Gracias por su confianza.`,
    follow: 'Siga el estado aquí:',
  },
  ca: {
    subject: (ref) => `El seu avís ${ref}`,
    assigned: (ref, tech) => `El seu avís ${ref} està assignat${tech ? ` a ${tech}` : ''}.`,
    en_route: (ref, tech) => `${tech || 'El tècnic'} és de camí pel seu avís ${ref}.`,
    resolved: (ref) => `El seu avís ${ref} està resolt. Gràcies per la confiança.`,
    follow: "Segueixi l'estat aquí:",
  },
  en: {
    subject: (ref) => `Your job ${ref}`,
    assigned: (ref, tech) => `Your job ${ref} has been assigned${tech ? ` to ${tech}` : ''}.`,
    en_route: (ref, tech) => `${tech || 'The technician'} is on the way for your job ${ref}.`,
    resolved: (ref) => `Your job ${ref} is resolved. Thank you.`,
    follow: 'Follow its status here:',
  },
};

/**
 * A new status link for the case: only its digest is stored, so the secret exists in this one
 * message. Every message carries its own link; revoking the case's links revokes them all.
 */
export async function createStatusLink(tx: Queryable, c: Pick<CaseRow, 'id' | 'tenantId'>, publicUrl: string, at: Date): Promise<string> {
  const token = newSecret('st');
  await createStatusLinkRepository(tx).insertLink({ tenantId: c.tenantId, caseId: c.id, tokenHash: digestSecret(token), at });
  return `${publicUrl}/status#${token}`;
}

/**
 * Tells the customer about a step of their case, by SMS when they have a phone, else e-mail,
 * in the transaction of the change. The outbox's closure guard refuses it for a closed case.
 */
export async function notifyCustomer(
  tx: Queryable,
  input: { caseRow: CaseRow; stage: TCustomerStage; technicianName: string; language: TLanguage; publicUrl: string; at: Date; key: string },
): Promise<void> {
  const { caseRow: c } = input;
  const phone = c.customerPhones?.find((p) => p.startsWith('+')) ?? c.callerPhone;
  const email = c.customerEmail;
  if (!phone && !email) return;
  const words = texts[input.language];
  const link = await createStatusLink(tx, c, input.publicUrl, input.at);
  const body = `${words[input.stage](c.reference, input.technicianName)} ${words.follow} ${link}`;
  await enqueueNotification(tx, {
    tenantId: c.tenantId, caseId: c.id, channel: phone ? 'sms' : 'email', purpose: 'customer_update', recipient: (phone ?? email)!,
    subject: words.subject(c.reference), body, payload: { stage: input.stage, reference: c.reference },
    idempotencyKey: `case:${c.id}:customer:${input.stage}:${input.key}`,
  }, input.at);
}
