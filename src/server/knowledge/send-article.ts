import type { z } from 'zod';
import type { ZSendArticle } from '../../shared/api/knowledge.ts';
import { pickLanguage, type TArticleContent } from '../../shared/knowledge.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { notFound } from '../platform/errors.ts';
import type { KnowledgeDeps } from './knowledge-deps.ts';
import { createKnowledgeRepository } from './knowledge-repository.ts';
import { getPublished } from './published-knowledge.ts';

/** SMS bodies stay within a few segments: the summary and a link to the full article on the portal. */
const smsLimit = 459;

/**
 * An operator sends the caller the article on screen, through the outbox (so it is delivered even
 * if the desk restarts now); the portal link lets the customer read the whole text.
 */
export async function sendArticle(deps: KnowledgeDeps & { publicUrl: string }, principal: Principal, slug: string, input: z.output<typeof ZSendArticle>) {
  requirePermission(principal, 'case.write');
  requireTenant(principal, input.tenantId);
  const tenant = await deps.tenants.findTenant(input.tenantId);
  if (!tenant) throw notFound('tenant');
  const published = await getPublished(deps.knowledge, tenant.id, 'article', slug);
  const variant = pickLanguage((published.content as TArticleContent).variants, input.language)!;
  const link = `${deps.publicUrl}/portal/${encodeURIComponent(tenant.billingCode.toLowerCase())}/articles/${slug}?lang=${variant.language}`;
  const recipient = input.channel === 'sms' ? normalisePhone(input.to, tenant.country, 'to') : input.to;
  const body =
    input.channel === 'sms'
      ? `${tenant.name}: ${variant.value.summary}`.slice(0, smsLimit - link.length - 1) + ` ${link}`
      : `${variant.value.summary}\n\n${variant.value.body}\n\n${link}`;
  const at = deps.clock.now();
  const sent = await deps.db.transaction(async (tx) => {
    const row = await enqueueNotification(tx, {
      tenantId: tenant.id, caseId: input.caseId ?? null, channel: input.channel, purpose: 'customer_update', recipient,
      subject: input.channel === 'email' ? `${tenant.name}: ${variant.value.title}` : '', body,
      payload: { article: slug, version: published.version },
      idempotencyKey: `kb:${published.entryId}:${published.version}:${input.channel}:${recipient}:${at.getTime()}`,
    }, at);
    await createKnowledgeRepository(tx).insertUses([{ tenantId: tenant.id, entryId: published.entryId, channel: 'console', kind: 'viewed', callId: null, at }]);
    return row;
  });
  return { notificationId: sent.id, status: sent.status };
}
