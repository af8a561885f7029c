import { z } from 'zod';
import { ZId, ZLanguage, ZShortText } from '../common.ts';
import { ZIntakeSchema } from '../intake-schema.ts';
import { ZCaseStatus, ZIntakeValues } from './cases.ts';
import { ZCustomerSummary } from './customers.ts';

/** Operator presence; `ringing`, `on_call` and `wrap_up` are set by the queues, never by hand. */
export const agentStates = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break'] as const;
export const ZAgentState = z.enum(agentStates);
export type TAgentState = z.infer<typeof ZAgentState>;

/** What an operator may choose for themselves. */
export const ZSetAgentState = z.object({ state: z.enum(['available', 'break', 'offline']) }).strict();
export type TSetAgentState = z.infer<typeof ZSetAgentState>;

export const ZAgentLevel = z.number().int().min(1).max(5);

export const ZAgentSkills = z
  .object({
    /** The tenants whose calls this operator takes. */
    tenantIds: z.array(ZId).max(200),
    languages: z.array(ZLanguage).max(3),
    /** 1 (trainee) to 5 (senior); a queue may ask for a minimum level through `required_skills` (`level:3`). */
    level: ZAgentLevel,
  })
  .strict();
export type TAgentSkills = z.infer<typeof ZAgentSkills>;

export const ZSipAccount = z.object({
  extension: z.string(),
  username: z.string(),
  /** Where the phone registers: the desk's host, with the SIP port when it is not 5060. */
  domain: z.string(),
  registered: z.boolean(),
  contact: z.string().optional(),
  userAgent: z.string().optional(),
});

export const ZAgent = z.object({
  userId: ZId,
  name: z.string(),
  state: ZAgentState,
  stateSince: z.string(),
  skills: ZAgentSkills,
  sip: ZSipAccount.nullable(),
});
export type TAgent = z.infer<typeof ZAgent>;

/** The menu path and everything the IVR gathered before the caller asked for a person. */
export const ZCollected = z.object({
  intake: z.record(z.string(), z.unknown()),
  caseId: ZId.optional(),
  caseReference: z.string().optional(),
  path: z.array(z.string()),
});
export type TCollected = z.infer<typeof ZCollected>;

export const queueCallStatuses = [
  'waiting',
  'offered',
  'callback_waiting',
  'callback_dialling',
  'connected',
  'wrap_up',
  'completed',
  'abandoned',
  'callback_failed',
  'transferred',
] as const;
export const ZQueueCallStatus = z.enum(queueCallStatuses);
export type TQueueCallStatus = z.infer<typeof ZQueueCallStatus>;

const ZNamed = z.object({ id: ZId, name: z.string() });

export const ZDuplicateWarning = z.object({
  caseId: ZId,
  reference: z.string(),
  rule: z.enum(['customer_asset', 'customer_appliance', 'phone_appliance']),
  message: z.string(),
});

export const ZOpenCase = z.object({
  id: ZId,
  reference: z.string(),
  status: ZCaseStatus,
  applianceType: z.string().nullable(),
  description: z.string(),
  createdAt: z.string(),
});

export const ZScreenPop = z.object({
  queueCallId: ZId,
  tenant: z.object({ id: ZId, name: z.string(), language: ZLanguage, greetingScript: z.string() }),
  queue: ZNamed,
  caller: z.object({ phone: z.string(), customer: ZCustomerSummary.optional() }),
  protocol: z.object({ version: z.number(), intakeSchema: ZIntakeSchema }).nullable(),
  collected: ZCollected,
  history: z.object({
    cases: z.array(ZOpenCase),
    calls: z.array(z.object({ id: ZId, startedAt: z.string(), outcome: z.string().nullable(), caseReference: z.string().nullable() })),
  }),
  openCases: z.array(ZOpenCase),
  duplicateWarning: ZDuplicateWarning.optional(),
  /** Set when the call came from another operator or queue. */
  transferredFrom: z.object({ queueCallId: ZId, agentName: z.string().nullable(), note: z.string().optional() }).optional(),
});
export type TScreenPop = z.infer<typeof ZScreenPop>;

/** The call the operator is on (or wrapping up). */
export const ZActiveCall = z.object({
  queueCallId: ZId,
  tenantId: ZId,
  callerId: z.string(),
  status: z.enum(['connected', 'held', 'wrap_up']),
  since: z.string(),
  /** Wrap-up ends by itself at this time unless ended early with a code. */
  wrapUpUntil: z.string().optional(),
  /** An attended transfer in progress: the consulted operator, ringing or on the line. */
  consulting: z.object({ agentUserId: ZId, name: z.string(), answered: z.boolean() }).optional(),
  wrapUpCodes: z.array(z.string()),
});
export type TActiveCall = z.infer<typeof ZActiveCall>;

export const ZMe = z.object({ agent: ZAgent, offer: ZScreenPop.optional(), call: ZActiveCall.optional() });
export type TMe = z.infer<typeof ZMe>;

export const ZSipPassword = z.object({ password: z.string() });

export const ZQueueBoardCall = z.object({
  queueCallId: ZId,
  tenant: ZNamed,
  queue: ZNamed,
  callerId: z.string(),
  customerName: z.string().optional(),
  status: ZQueueCallStatus,
  position: z.number(),
  waitingSeconds: z.number(),
  collected: ZCollected,
});
export const ZQueueBoard = z.object({ calls: z.array(ZQueueBoardCall) });
export type TQueueBoard = z.infer<typeof ZQueueBoard>;

/** Completes the protocol form: creates a case, or updates `caseId`, with the case API's rules. */
export const ZCompleteQueueCall = z
  .object({
    intake: ZIntakeValues,
    description: z.string().max(10_000).optional(),
    caseId: ZId.optional(),
    /** Opens a second case on purpose despite the duplicate guard; the reason goes on both timelines. */
    override: z.object({ reason: z.string().trim().min(3).max(500) }).strict().optional(),
  })
  .strict();
export type TCompleteQueueCall = z.infer<typeof ZCompleteQueueCall>;

export const ZCompleteQueueCallResult = z.object({
  caseId: ZId,
  reference: z.string(),
  created: z.boolean(),
  duplicate: z.boolean(),
});

export const ZTransferTarget = z.union([z.object({ agentUserId: ZId }).strict(), z.object({ queueId: ZId }).strict()]);
export const ZTransferQueueCall = z
  .object({
    mode: z.enum(['blind', 'attended']),
    to: ZTransferTarget,
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((t) => t.mode === 'blind' || 'agentUserId' in t.to, { path: ['to'], message: 'an attended transfer goes to an operator' });
export type TTransferQueueCall = z.infer<typeof ZTransferQueueCall>;

export const ZWrapUpCode = z.string().trim().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');
export const defaultWrapUpCodes = ['resolved', 'case_opened', 'case_updated', 'information', 'wrong_number', 'other'] as const;
export const ZWrapUp = z.object({ code: ZWrapUpCode, notes: z.string().trim().max(5000).optional() }).strict();
export type TWrapUp = z.infer<typeof ZWrapUp>;

export const ZSupervisorOverview = z.object({
  agents: z.array(
    z.object({
      userId: ZId,
      name: z.string(),
      state: ZAgentState,
      stateSince: z.string(),
      callsToday: z.number(),
      extension: z.string().nullable(),
      registered: z.boolean(),
    }),
  ),
  queues: z.array(
    z.object({
      id: ZId,
      tenant: ZNamed,
      name: z.string(),
      waiting: z.number(),
      longestWaitSeconds: z.number(),
      answeredToday: z.number(),
      abandonedToday: z.number(),
      /** Answered within the target ÷ (offered − abandoned within 5 s); null when nothing was offered today. */
      serviceLevelToday: z.number().nullable(),
    }),
  ),
});
export type TSupervisorOverview = z.infer<typeof ZSupervisorOverview>;

export const queueStrategies = ['longest_idle', 'round_robin', 'fewest_calls'] as const;
export const ZQueueSkill = z.string().trim().toLowerCase().regex(/^(level:[1-5]|lang:(es|ca|en))$/, 'level:1 to level:5, or lang:es, lang:ca, lang:en');

const queueFields = {
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _ (named by the IVR flow)'),
  language: ZLanguage.nullable(),
  requiredSkills: z.array(ZQueueSkill).max(20),
  priority: z.number().int().min(-100).max(100),
  strategy: z.enum(queueStrategies),
  ringTimeoutSeconds: z.number().int().min(5).max(120),
  wrapUpSeconds: z.number().int().min(0).max(600),
  callbackAfterSeconds: z.number().int().min(0).max(3600).nullable(),
  maxNoAnswers: z.number().int().min(1).max(10),
  recordCalls: z.boolean(),
  active: z.boolean(),
};

export const ZCreateQueue = z
  .object({
    tenantId: ZId,
    ...queueFields,
    language: queueFields.language.default(null),
    requiredSkills: queueFields.requiredSkills.default([]),
    priority: queueFields.priority.default(0),
    strategy: queueFields.strategy.default('longest_idle'),
    ringTimeoutSeconds: queueFields.ringTimeoutSeconds.default(20),
    wrapUpSeconds: queueFields.wrapUpSeconds.default(15),
    callbackAfterSeconds: queueFields.callbackAfterSeconds.default(null),
    maxNoAnswers: queueFields.maxNoAnswers.default(2),
    recordCalls: queueFields.recordCalls.default(false),
    active: queueFields.active.default(true),
  })
  .strict();
export type TCreateQueue = z.infer<typeof ZCreateQueue>;

// Built from the fields without defaults so that a patch never resets what it omits.
export const ZUpdateQueue = z
  .object(queueFields)
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');
export type TUpdateQueue = z.infer<typeof ZUpdateQueue>;

export const ZQueue = z.object({ id: ZId, tenantId: ZId, tenantName: z.string(), ...queueFields, createdAt: z.string() });
export type TQueue = z.infer<typeof ZQueue>;

/** Where the operator on a call may send it: the other operators serving its tenant, and its tenant's queues. */
export const ZTransferTargets = z.object({
  agents: z.array(z.object({ userId: ZId, name: z.string(), state: ZAgentState, registered: z.boolean() })),
  queues: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TTransferTargets = z.infer<typeof ZTransferTargets>;

export const ZUpdateOperator = z.object({ skills: ZAgentSkills.partial().strict() }).strict();
export type TUpdateOperator = z.infer<typeof ZUpdateOperator>;

/** Greeting script an operator reads, per language; `{operator}` is replaced by the operator's name. */
export const ZOperatorGreeting = z.object({ es: ZShortText.optional(), ca: ZShortText.optional(), en: ZShortText.optional() }).strict();

/** Server-Sent Events on `/api/v1/operators/events`; the `event:` name is `type`, the data is the rest. */
export const ZOperatorEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), offer: ZScreenPop, ringTimeoutSeconds: z.number() }),
  z.object({ type: z.literal('offer.withdrawn'), queueCallId: ZId, reason: z.string() }),
  z.object({ type: z.literal('call.connected'), call: ZActiveCall }),
  z.object({ type: z.literal('call.held'), call: ZActiveCall }),
  z.object({ type: z.literal('call.resumed'), call: ZActiveCall }),
  z.object({ type: z.literal('call.ended'), queueCallId: ZId, by: z.enum(['caller', 'operator', 'transfer', 'system']), wrapUpUntil: z.string().optional() }),
  z.object({ type: z.literal('agent.state'), userId: ZId, state: ZAgentState, stateSince: z.string(), reason: z.string() }),
  z.object({ type: z.literal('board'), board: ZQueueBoard }),
  z.object({ type: z.literal('supervisor'), overview: ZSupervisorOverview }),
]);
export type TOperatorEvent = z.infer<typeof ZOperatorEvent>;
export type TOperatorEventType = TOperatorEvent['type'];
