import { z } from 'zod';

/**
 * IVR flows as data: a tenant's phone menu is a JSON document, versioned and published with its
 * protocol, and run by the pure engine in `src/server/ivr`. Every node is a small schema of its own
 * with defaults, so an author writes only what differs from the usual behaviour.
 */

export const ZIvrNodeId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');

const ZPromptString = z.string().trim().min(1).max(1000);

/** Text spoken by text-to-speech in the call's language; `{name}` is replaced by the engine's variable. */
export const ZIvrPromptText = z
  .object({ es: ZPromptString.optional(), ca: ZPromptString.optional(), en: ZPromptString.optional() })
  .strict()
  .refine((text) => text.es ?? text.ca ?? text.en, 'at least one language is required');

export const ZIvrPromptPart = z.union([
  z.object({ text: ZIvrPromptText }).strict(),
  z.object({ audio: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an uploaded prompt id') }).strict(),
]);

/** One part, or several played in sequence. */
export const ZIvrPrompt = z.union([ZIvrPromptPart, z.array(ZIvrPromptPart).min(1).max(12)]);

export const ZDtmfKey = z.string().regex(/^[0-9*#]$/, 'a telephone key: 0-9, * or #');

const seconds = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);

/** What every node that waits for keys shares: how long to wait, how often to ask again, where to go after. */
const retryShape = {
  timeoutSeconds: seconds(1, 60, 5),
  retries: z.number().int().min(0).max(5).default(2),
  invalidPrompt: ZIvrPrompt.optional(),
  noInputPrompt: ZIvrPrompt.optional(),
  fallback: ZIvrNodeId.optional(),
};

export const ZIvrSayNode = z
  .object({
    type: z.literal('say'),
    prompt: ZIvrPrompt,
    next: ZIvrNodeId,
    bargeIn: z.boolean().default(true),
    /** Marks the call for the reports once this node is reached (e.g. the caller got self-help). */
    outcome: z.enum(['self_help']).optional(),
  })
  .strict();

export const ZIvrMenuNode = z
  .object({
    type: z.literal('menu'),
    prompt: ZIvrPrompt,
    options: z.record(ZDtmfKey, ZIvrNodeId).refine((o) => Object.keys(o).length > 0, 'a menu needs at least one option'),
    ...retryShape,
  })
  .strict();

export const ZIvrGatherNode = z
  .object({
    type: z.literal('gather'),
    prompt: ZIvrPrompt,
    variable: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'starts with a letter; letters, digits and _'),
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32).default(20),
    terminator: z.enum(['#', '*']).default('#'),
    interDigitSeconds: seconds(1, 30, 3),
    next: ZIvrNodeId,
    ...retryShape,
  })
  .strict();

export const ZIvrCollectFieldNode = z
  .object({
    type: z.literal('collect_field'),
    field: z.string().min(1).max(40),
    prompt: ZIvrPrompt.optional(),
    /** Speak "for X, press N" after the prompt; by default only when no prompt is given. */
    listOptions: z.boolean().optional(),
    interDigitSeconds: seconds(1, 30, 3),
    next: ZIvrNodeId,
    ...retryShape,
  })
  .strict();

export const ZIvrIdentifyCallerNode = z
  .object({
    type: z.literal('identify_caller'),
    nextKnown: ZIvrNodeId,
    nextUnknown: ZIvrNodeId,
    /** Offer the customer's registered appliances as a menu; choosing one fills the appliance field. */
    confirmAsset: z.boolean().default(false),
    assetPrompt: ZIvrPrompt.optional(),
    otherDigit: z.string().regex(/^[09]$/).default('9'),
    timeoutSeconds: seconds(1, 60, 5),
    retries: z.number().int().min(0).max(5).default(1),
    invalidPrompt: ZIvrPrompt.optional(),
    noInputPrompt: ZIvrPrompt.optional(),
  })
  .strict();

export const ZIvrLookupCaseNode = z
  .object({
    type: z.literal('lookup_case'),
    prompt: ZIvrPrompt,
    minDigits: z.number().int().min(2).max(16).default(2),
    maxDigits: z.number().int().min(2).max(16).default(12),
    timeoutSeconds: seconds(1, 60, 7),
    interDigitSeconds: seconds(1, 30, 5),
    retries: z.number().int().min(0).max(5).default(2),
    invalidPrompt: ZIvrPrompt.optional(),
    noInputPrompt: ZIvrPrompt.optional(),
    notFoundPrompt: ZIvrPrompt.optional(),
    /** Defaults to "your repair with reference {reference} is {status}" in the call's language. */
    statusPrompt: ZIvrPrompt.optional(),
    found: ZIvrNodeId,
    notFound: ZIvrNodeId,
  })
  .strict();

export const ZIvrCreateCaseNode = z
  .object({
    type: z.literal('create_case'),
    createdPrompt: ZIvrPrompt.optional(),
    duplicatePrompt: ZIvrPrompt.optional(),
    repeatPrompt: ZIvrPrompt.optional(),
    repeats: z.number().int().min(0).max(5).default(2),
    repeatTimeoutSeconds: seconds(1, 30, 4),
    failedPrompt: ZIvrPrompt.optional(),
    next: ZIvrNodeId,
    failed: ZIvrNodeId.optional(),
  })
  .strict();

export const ZIvrBusinessHoursNode = z
  .object({ type: z.literal('business_hours'), open: ZIvrNodeId, closed: ZIvrNodeId })
  .strict();

export const ZIvrRecordNode = z
  .object({
    type: z.literal('record'),
    prompt: ZIvrPrompt.optional(),
    beep: z.boolean().default(true),
    maxSeconds: seconds(5, 600, 120),
    silenceSeconds: seconds(1, 30, 5),
    next: ZIvrNodeId,
  })
  .strict();

export const ZIvrTransferNode = z
  .object({
    type: z.literal('transfer'),
    queue: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).default('default'),
    prompt: ZIvrPrompt.optional(),
    fallback: ZIvrNodeId.optional(),
  })
  .strict();

const ZKbSlugRef = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'the slug of a knowledge-base entry');

/** Reads the spoken summary of a published knowledge-base article, in the call's language. */
export const ZIvrReadArticleNode = z
  .object({
    type: z.literal('read_article'),
    article: ZKbSlugRef,
    next: ZIvrNodeId,
    bargeIn: z.boolean().default(true),
    /** Where to go when the article is not published; by default `next`. */
    missing: ZIvrNodeId.optional(),
  })
  .strict();

/**
 * Walks a published self-diagnosis tree by keys (answer n is key n). A solution article is read out
 * and the caller asked whether it solved the problem (1: `solved`, 2: `openCase`); a tree outcome
 * "open a case" goes to `openCase` with the intake the answers established already filled in.
 */
export const ZIvrDecisionTreeNode = z
  .object({
    type: z.literal('decision_tree'),
    tree: ZKbSlugRef,
    solved: ZIvrNodeId,
    openCase: ZIvrNodeId,
    ...retryShape,
  })
  .strict();

export const ZIvrHangupNode = z.object({ type: z.literal('hangup'), prompt: ZIvrPrompt.optional() }).strict();

export const ZIvrNode = z.discriminatedUnion('type', [
  ZIvrSayNode,
  ZIvrMenuNode,
  ZIvrGatherNode,
  ZIvrCollectFieldNode,
  ZIvrIdentifyCallerNode,
  ZIvrLookupCaseNode,
  ZIvrCreateCaseNode,
  ZIvrBusinessHoursNode,
  ZIvrRecordNode,
  ZIvrTransferNode,
  ZIvrHangupNode,
  ZIvrReadArticleNode,
  ZIvrDecisionTreeNode,
]);

export type TIvrPromptText = z.infer<typeof ZIvrPromptText>;
export type TIvrPromptPart = z.infer<typeof ZIvrPromptPart>;
export type TIvrPrompt = z.infer<typeof ZIvrPrompt>;
export type TIvrNode = z.infer<typeof ZIvrNode>;
export type TIvrNodeType = TIvrNode['type'];
export type TIvrNodeOf<K extends TIvrNodeType> = Extract<TIvrNode, { type: K }>;

export interface TIvrLink {
  /** Where the link sits inside the node, for error paths. */
  path: (string | number)[];
  target: string;
  /** The intake field a caller has given when leaving by this link. */
  collects?: string;
}

/** Every node id a node can lead to. */
export function nodeLinks(node: TIvrNode): TIvrLink[] {
  const links: TIvrLink[] = [];
  const add = (key: string, target: string | undefined, collects?: string) => {
    if (target !== undefined) links.push(collects ? { path: [key], target, collects } : { path: [key], target });
  };
  switch (node.type) {
    case 'say':
    case 'gather':
    case 'record':
      add('next', node.next);
      if (node.type === 'gather') add('fallback', node.fallback);
      break;
    case 'menu':
      for (const [key, target] of Object.entries(node.options)) links.push({ path: ['options', key], target });
      add('fallback', node.fallback);
      break;
    case 'collect_field':
      add('next', node.next, node.field);
      add('fallback', node.fallback);
      break;
    case 'identify_caller':
      add('nextKnown', node.nextKnown);
      add('nextUnknown', node.nextUnknown);
      break;
    case 'lookup_case':
      add('found', node.found);
      add('notFound', node.notFound);
      break;
    case 'create_case':
      add('next', node.next);
      add('failed', node.failed);
      break;
    case 'business_hours':
      add('open', node.open);
      add('closed', node.closed);
      break;
    case 'transfer':
      add('fallback', node.fallback);
      break;
    case 'read_article':
      add('next', node.next);
      add('missing', node.missing);
      break;
    case 'decision_tree':
      add('solved', node.solved);
      add('openCase', node.openCase);
      add('fallback', node.fallback);
      break;
    case 'hangup':
      break;
  }
  return links;
}

export const ZIvrFlow = z
  .object({
    version: z.literal(1),
    start: ZIvrNodeId,
    /**
     * A key that reaches a person from any one-key question (menus, choices, yes/no), keeping what
     * the caller already answered: the flow goes to `node` (usually a transfer) at once.
     */
    operatorKey: z.object({ key: ZDtmfKey, node: ZIvrNodeId }).strict().optional(),
    nodes: z.record(ZIvrNodeId, ZIvrNode).refine((nodes) => {
      const count = Object.keys(nodes).length;
      return count >= 1 && count <= 200;
    }, 'a flow has between 1 and 200 nodes'),
  })
  .strict()
  .superRefine((flow, ctx) => {
    if (!Object.hasOwn(flow.nodes, flow.start)) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: `no node '${flow.start}'` });
    }
    const operator = flow.operatorKey;
    if (operator && !Object.hasOwn(flow.nodes, operator.node)) {
      ctx.addIssue({ code: 'custom', path: ['operatorKey', 'node'], message: `no node '${operator.node}'` });
    } else if (operator) {
      for (const [id, node] of Object.entries(flow.nodes)) {
        const target = node.type === 'menu' ? node.options[operator.key] : undefined;
        if (target !== undefined && target !== operator.node) {
          ctx.addIssue({ code: 'custom', path: ['nodes', id, 'options', operator.key], message: `key ${operator.key} is the operator key; it cannot lead to '${target}'` });
        }
      }
    }
    for (const [id, node] of Object.entries(flow.nodes)) {
      for (const link of nodeLinks(node)) {
        if (!Object.hasOwn(flow.nodes, link.target)) {
          ctx.addIssue({ code: 'custom', path: ['nodes', id, ...link.path], message: `no node '${link.target}'` });
        }
      }
      if ((node.type === 'gather' || node.type === 'lookup_case') && node.minDigits > node.maxDigits) {
        ctx.addIssue({ code: 'custom', path: ['nodes', id, 'minDigits'], message: 'minDigits is more than maxDigits' });
      }
      if (node.type === 'identify_caller' && !node.confirmAsset && node.assetPrompt) {
        ctx.addIssue({ code: 'custom', path: ['nodes', id, 'assetPrompt'], message: 'assetPrompt needs confirmAsset' });
      }
    }
  });

/** A flow as stored and run, defaults filled in. */
export type TIvrFlow = z.infer<typeof ZIvrFlow>;
/** A flow as an author writes it: defaults may be left out. */
export type TIvrFlowInput = z.input<typeof ZIvrFlow>;

/** How a call left the IVR, for the call record and the reports; the last one the engine emits wins. */
export const ivrOutcomes = [
  'case_created',
  'duplicate_linked',
  'case_failed',
  'status_given',
  'self_help',
  'voicemail',
  'transferred',
  'completed',
  'fallback_hangup',
  'abandoned',
] as const;
export const ZIvrOutcome = z.enum(ivrOutcomes);
export type TIvrOutcome = z.infer<typeof ZIvrOutcome>;

/** One node visit in the call record: the node and how it was left (`pressed:1`, `no_input`, `created`, …). */
export const ZIvrPathStep = z.object({
  node: ZIvrNodeId,
  result: z.string().max(80).optional(),
  /** Invalid or missing answers before the node was left. */
  failures: z.number().int().min(0).optional(),
});
export type TIvrPathStep = z.infer<typeof ZIvrPathStep>;
