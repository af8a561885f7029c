import type { TScreenPop } from '../../shared/api/operators.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { QueueCallRow } from '../acd/acd-repository.ts';
import type { Principal } from '../auth/principal.ts';
import { findDuplicate } from '../cases/duplicate-guard.ts';
import { applianceTypeOf } from '../cases/validate-intake.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import { notFound } from '../platform/errors.ts';
import { visibleQueueCall, type OperatorDeps } from './operator-deps.ts';

const defaultGreeting: Record<TLanguage, string> = {
  es: '{tenant}, buenos días, le atiende {operator}. ¿En qué puedo ayudarle?',
  ca: '{tenant}, bon dia, us atén {operator}. En què us puc ajudar?',
  en: '{tenant}, good morning, this is {operator}. How can I help you?',
};

const closed = new Set(['closed', 'cancelled']);

/** Everything the operator sees when the phone rings: tenant and script, caller, the form pre-filled, history. */
export async function getScreenPop(deps: OperatorDeps, principal: Principal, queueCallId: string): Promise<TScreenPop> {
  const row = await visibleQueueCall(deps, principal, queueCallId);
  return buildScreenPop(deps, row, principal.name);
}

export async function buildScreenPop(deps: OperatorDeps, row: QueueCallRow, operatorName: string): Promise<TScreenPop> {
  const [tenant, protocol, settings, queue] = await Promise.all([
    deps.tenants.findTenant(row.tenantId), deps.protocols.findInForce(row.tenantId), deps.queues.tenantOperatorSettings(row.tenantId),
    deps.queues.findQueue(row.queueId),
  ]);
  if (!tenant || !queue) throw notFound('queue call');
  const language = row.context.language ?? tenant.language;
  const customer = row.context.customerId
    ? await deps.customers.findCustomer(row.context.customerId)
    : (await deps.customers.findCustomersByPhone(row.tenantId, row.callerId))[0];
  const scope = [row.tenantId];
  const [cases, calls, guardCases] = await Promise.all([
    deps.cases.listCases({ scope, tenantId: row.tenantId, ...(customer ? { customerId: customer.id } : { phones: [row.callerId] }), limit: 10 }),
    deps.calls.listCalls({ scope, tenantId: row.tenantId, phones: [row.callerId], limit: 10 }),
    deps.cases.findOpenCasesForGuard(row.tenantId, customer?.id ?? null, row.callerId),
  ]);
  const history = cases.map((c) => ({
    id: c.id, reference: c.reference, status: c.status, applianceType: c.applianceType, description: c.description,
    createdAt: c.createdAt.toISOString(),
  }));
  // The case the IVR itself opened or found for this call is the one being worked on, not a duplicate of it.
  const ownCase = row.context.caseId ?? row.caseId;
  const applianceType = protocol ? applianceTypeOf(protocol.intakeSchema, row.context.intake as TIntakeValues, null) : null;
  const match = findDuplicate(
    { customerId: customer?.id ?? null, assetId: null, applianceType, phone: row.callerId },
    guardCases.filter((c) => c.id !== ownCase), deps.clock.now(), tenant.duplicateWindowHours,
  );
  const matched = match ? history.find((c) => c.id === match.caseId) ?? (await deps.cases.findCase(match.caseId)) : undefined;
  const greeting = (settings?.greeting[language] ?? defaultGreeting[language]).replaceAll('{tenant}', tenant.name).replaceAll('{operator}', operatorName);
  const previous = row.transferredFrom ? await deps.queues.findQueueCall(row.transferredFrom) : undefined;
  const previousAgent = previous?.agentUserId ? deps.acd.state.agents.get(previous.agentUserId)?.name ?? null : null;

  return {
    queueCallId: row.id,
    tenant: { id: tenant.id, name: tenant.name, language, greetingScript: greeting },
    queue: { id: queue.id, name: queue.name },
    caller: { phone: row.callerId, ...(customer ? { customer: { id: customer.id, name: customer.name, phones: customer.phones, email: customer.email } } : {}) },
    protocol: protocol ? { version: protocol.version, intakeSchema: protocol.intakeSchema } : null,
    collected: {
      intake: row.context.intake ?? {}, path: row.context.path ?? [],
      ...(ownCase ? { caseId: ownCase } : {}), ...(row.context.caseReference ? { caseReference: row.context.caseReference } : {}),
    },
    history: {
      cases: history,
      // Earlier calls only: the one ringing now is the pop itself.
      calls: calls.filter((c) => c.id !== row.callId).map((c) => ({ id: c.id, startedAt: c.startedAt.toISOString(), outcome: c.outcome, caseReference: c.caseReference })),
    },
    openCases: history.filter((c) => !closed.has(c.status)),
    ...(match && matched
      ? {
        duplicateWarning: {
          caseId: match.caseId, reference: matched.reference, rule: match.rule,
          message: `An open case (${matched.reference}) looks like the same order (${match.rule.replace('_', ' and ')}).`,
        },
      }
      : {}),
    ...(previous ? { transferredFrom: { queueCallId: previous.id, agentName: previousAgent, ...(row.context.transferNote ? { note: row.context.transferNote } : {}) } } : {}),
  };
}
