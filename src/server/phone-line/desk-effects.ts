import type { TTenant } from '../../shared/api/tenants.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import type { TIvrPathStep } from '../../shared/ivr-flow.ts';
import type { CallRecordDeps } from '../calls/record-call.ts';
import { saveCallProgress, storeVoicemail } from '../calls/record-call.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { createCase } from '../cases/create-case.ts';
import { hasValidCheckDigit } from '../cases/reference-number.ts';
import type { TIvrCustomer } from '../ivr/ivr-types.ts';
import { encodeMuLaw } from '../telephony/media/g711.ts';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository.ts';
import { ivrKnowledgeUses } from '../knowledge/knowledge-measures.ts';
import type { TIvrKbUse } from '../ivr/ivr-types.ts';
import type { TIvrOutcome } from '../../shared/ivr-flow.ts';

export type DeskEffectDeps = CaseDeps & CallRecordDeps & { knowledge: KnowledgeRepository };

/**
 * What the phone menu asks of the desk, for one call: who is calling, a case's status, a new
 * case (committed before its reference is spoken), a voicemail kept with the call record.
 */
export function createDeskEffects(
  deps: DeskEffectDeps,
  call: { id: string; tenant: TTenant; callerPhone: string | null },
  progressOf: () => { path: TIvrPathStep[]; digits: string },
) {
  let caseId: string | null = null;
  let customerId: string | undefined;
  return {
    get caseId() {
      return caseId;
    },
    /** The customer the caller's number matched, handed to an operator with the call. */
    get customerId() {
      return customerId;
    },

    async identifyCaller(): Promise<TIvrCustomer | null> {
      if (!call.callerPhone) return null;
      const [customer] = await deps.customers.findCustomersByPhone(call.tenant.id, call.callerPhone);
      if (!customer) return null;
      customerId = customer.id;
      const [assets, sites] = await Promise.all([deps.customers.listAssets(customer.id), deps.customers.listSites(customer.id)]);
      return {
        name: customer.name,
        assets: assets.map((a) => ({ id: a.id, applianceType: a.applianceType, brand: a.brand })),
        sites: sites.map((s) => ({ id: s.id, label: s.label })),
      };
    },

    /** Only this tenant's cases answer, so a reference from another business reveals nothing. */
    async lookupCase(reference: string) {
      if (!hasValidCheckDigit(reference)) return undefined;
      const found = await deps.cases.findCaseByReference(reference);
      return found && found.tenantId === call.tenant.id ? { status: found.status } : undefined;
    },

    async createCase(intake: TIntakeValues, assetId: string | undefined) {
      const result = await createCase(deps, { kind: 'caller', name: call.callerPhone ?? 'Phone line' }, {
        tenantId: call.tenant.id,
        callerPhone: call.callerPhone ?? undefined,
        intake,
        assetId,
        channel: 'phone',
      });
      caseId = result.case.id;
      await saveCallProgress(deps, call.id, { ...progressOf(), caseId, outcome: result.duplicate ? 'duplicate_linked' : 'case_created' });
      return { reference: result.case.reference, duplicate: result.duplicate };
    },

    /** The articles and trees the caller met, for the system-first measures; kept after the call record is closed. */
    async recordKnowledgeUses(uses: TIvrKbUse[], outcome: TIvrOutcome) {
      if (uses.length === 0) return;
      await deps.knowledge.insertUses(ivrKnowledgeUses({ tenantId: call.tenant.id, callId: call.id, uses, outcome }, deps.clock.now()));
    },

    async storeVoicemail(samples: Int16Array): Promise<{ recordingId: string; seconds: number }> {
      const audio = Buffer.from(encodeMuLaw(samples));
      const durationMs = Math.round(samples.length / 8);
      const recordingId = await storeVoicemail(deps, { tenantId: call.tenant.id, callId: call.id, caseId, audio, encoding: 'pcmu', durationMs });
      return { recordingId, seconds: Math.round(durationMs / 1000) };
    },
  };
}
