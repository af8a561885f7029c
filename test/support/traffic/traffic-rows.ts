/** Rows exactly as the phone line, the operators' queues and the case desk write them. */
export interface CallRow {
  id: string; tenantId: string; callerId: string; startedAt: Date; answeredAt: Date | null; endedAt: Date;
  outcome: string; endReason: string; caseId: string | null;
}
export interface QueueCallRow {
  id: string; tenantId: string; queueId: string; callId: string; callerId: string; enqueuedAt: Date; status: string;
  answeredAt: Date | null; callbackRequestedAt: Date | null; endedAt: Date; waitSeconds: number;
  talkSeconds: number | null; holdSeconds: number; wrapUpSeconds: number | null; transferredFrom: string | null;
  agentUserId: string | null; caseId: string | null; endReason: string;
}
export interface CaseRow { id: string; tenantId: string; protocolId: string; reference: string; callerPhone: string; status: string; createdAt: Date }
export interface CaseEventRow { caseId: string; tenantId: string; at: Date; kind: string; before: string | null; after: string }
export interface NotificationRow { id: string; tenantId: string; caseId: string; recipient: string; idempotencyKey: string; createdAt: Date }
export interface AgentStateRow { userId: string; state: string; at: Date }

export interface Traffic {
  calls: CallRow[];
  queueCalls: QueueCallRow[];
  cases: CaseRow[];
  caseEvents: CaseEventRow[];
  notifications: NotificationRow[];
  agentStates: AgentStateRow[];
}

export const emptyTraffic = (): Traffic => ({ calls: [], queueCalls: [], cases: [], caseEvents: [], notifications: [], agentStates: [] });

export function appendTraffic(into: Traffic, more: Traffic): Traffic {
  for (const key of Object.keys(into) as (keyof Traffic)[]) (into[key] as unknown[]).push(...more[key]);
  return into;
}
