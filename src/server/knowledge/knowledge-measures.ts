import type { TKbMeasure } from '../../shared/api/knowledge.ts';
import type { TIvrOutcome } from '../../shared/ivr-flow.ts';
import type { TIvrKbUse } from '../ivr/ivr-types.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import type { Clock } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import type { KnowledgeRepository } from './knowledge-repository.ts';

export type KbUse = Parameters<KnowledgeRepository['insertUses']>[0][number];

/** Which articles and trees each channel used, and how often they settled the matter without a person. */
export async function getKbMeasures(
  deps: { knowledge: KnowledgeRepository },
  principal: Principal,
  query: { tenantId: string; from: string; to: string },
): Promise<{ items: TKbMeasure[] }> {
  requirePermission(principal, 'call.read');
  requireTenant(principal, query.tenantId);
  return { items: await deps.knowledge.countUses(query.tenantId, new Date(query.from), new Date(query.to)) };
}

/** An operator opened or used an entry on a call; only an entry the tenant can see counts. */
export async function recordConsoleUse(
  deps: { knowledge: KnowledgeRepository; clock: Clock },
  principal: Principal,
  use: { tenantId: string; entryId: string; kind: 'viewed' | 'resolved' | 'escalated' },
): Promise<void> {
  requirePermission(principal, 'knowledge.read');
  requireTenant(principal, use.tenantId);
  const entry = await deps.knowledge.findEntry(use.entryId);
  if (!entry || (entry.tenantId !== null && entry.tenantId !== use.tenantId)) throw notFound('knowledge entry');
  await deps.knowledge.insertUses([{ ...use, channel: 'console', callId: null, at: deps.clock.now() }]);
}

/**
 * A finished call's knowledge uses: every article heard or tree walked is a view; a caller who
 * confirmed the solution resolved it, and an entry heard on a call that ended in self-help (no
 * case, no person) contained the call; a tree that ended in a case escalated it.
 */
export function ivrKnowledgeUses(
  call: { tenantId: string; callId: string; uses: TIvrKbUse[]; outcome: TIvrOutcome },
  at: Date,
): KbUse[] {
  const seen = new Map<string, Set<TIvrKbUse['how']>>();
  for (const use of call.uses) seen.set(use.entryId, (seen.get(use.entryId) ?? new Set()).add(use.how));
  const contained = call.outcome === 'self_help';
  return [...seen].flatMap(([entryId, how]) => {
    const base = { tenantId: call.tenantId, entryId, channel: 'ivr' as const, callId: call.callId, at };
    const kinds: KbUse['kind'][] = ['viewed'];
    if (how.has('escalated')) kinds.push('escalated');
    else if (how.has('resolved') || contained) kinds.push('resolved');
    return kinds.map((kind) => ({ ...base, kind }));
  });
}
