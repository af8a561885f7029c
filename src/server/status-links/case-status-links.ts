import type { TPublicCaseStatus } from '../../shared/api/dispatch.ts';
import { ZStatusLinkRequest } from '../../shared/api/dispatch.ts';
import { digestSecret } from '../auth/secrets.ts';
import type { Principal } from '../auth/principal.ts';
import { requirePermission } from '../auth/principal.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { loadVisibleCase } from '../cases/query-cases.ts';
import { createCaseRepository } from '../cases/case-repository.ts';
import { timelineActor } from '../cases/case-access.ts';
import { notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { createStatusLinkRepository } from './status-link-repository.ts';

/** What the customer's link shows: no personal data beyond the reference, status and technician's name. */
export async function readPublicCaseStatus(deps: Pick<CaseDeps, 'db'>, input: unknown): Promise<TPublicCaseStatus> {
  const { token } = parseInput(ZStatusLinkRequest, input, 'body');
  const repo = createStatusLinkRepository(deps.db);
  const link = await repo.findLiveLink(digestSecret(token));
  if (!link) throw notFound('status link');
  const steps = await repo.statusSteps(link.caseId);
  return {
    reference: link.reference, tenantName: link.tenantName, status: link.status, technicianName: link.technicianName?.split(' ')[0] ?? null,
    updatedAt: link.updatedAt.toISOString(), steps: steps.map((s) => ({ status: s.status, at: s.at.toISOString() })),
  };
}

/** Every status link of the case stops working at once (a link forwarded to the wrong person, say). */
export async function revokeStatusLinks(deps: CaseDeps, actor: Principal, key: string): Promise<{ revoked: number }> {
  requirePermission(actor, 'case.write');
  const row = await loadVisibleCase(deps, actor, key);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const revoked = await createStatusLinkRepository(tx).revokeForCase(row.id, at);
    await createCaseRepository(tx).appendEvent({
      caseId: row.id, tenantId: row.tenantId, at, actor: timelineActor(actor),
      kind: 'status_links_revoked', data: { revoked },
    });
    return { revoked };
  });
}
