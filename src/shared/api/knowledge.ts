import { z } from 'zod';
import { ZId, ZLanguage } from '../common.ts';
import { ZCaseStatus } from './cases.ts';
import { ZKbKind, ZKbSlug } from '../knowledge.ts';

export const ZKbEntryStatus = z.enum(['draft', 'published', 'changed']);

export const ZKbEntry = z.object({
  id: ZId,
  tenantId: ZId.nullable(),
  kind: ZKbKind,
  slug: z.string(),
  title: z.string(),
  /** draft: never published; published: the latest version is out; changed: a draft waits over a published version. */
  status: ZKbEntryStatus,
  publishedVersion: z.number().nullable(),
  latestVersion: z.number(),
  updatedAt: z.string(),
});
export type TKbEntry = z.infer<typeof ZKbEntry>;

export const ZKbVersion = z.object({
  version: z.number(),
  status: z.enum(['draft', 'published', 'superseded']),
  content: z.unknown(),
  note: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** What this version changed against the one before it, e.g. `es.summary`, `nodes.drain`. */
  changes: z.array(z.string()),
});
export type TKbVersion = z.infer<typeof ZKbVersion>;

export const ZKbEntryDetail = ZKbEntry.extend({ latest: ZKbVersion, published: ZKbVersion.nullable() });
export type TKbEntryDetail = z.infer<typeof ZKbEntryDetail>;

export const ZCreateKbEntry = z
  .object({
    /** null: the desk-wide knowledge base every tenant shares. */
    tenantId: ZId.nullable(),
    kind: ZKbKind,
    slug: ZKbSlug,
    content: z.unknown(),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export const ZSaveKbDraft = z.object({ content: z.unknown(), note: z.string().trim().max(500).default('') }).strict();
export const ZPublishKbEntry = z.object({ version: z.number().int().min(1) }).strict();

export const ZKbListQuery = z.object({ tenantId: ZId.optional(), kind: ZKbKind.optional() }).strict();
export const ZKbSearchQuery = z
  .object({ tenantId: ZId, q: z.string().trim().max(200).default(''), language: ZLanguage.default('es'), kind: ZKbKind.optional() })
  .strict();

export const ZKbSearchHit = z.object({
  entryId: ZId,
  kind: ZKbKind,
  slug: z.string(),
  language: ZLanguage,
  title: z.string(),
  summary: z.string(),
  deskWide: z.boolean(),
});
export type TKbSearchHit = z.infer<typeof ZKbSearchHit>;

/** What every channel is served: the published version only. */
export const ZKbPublished = z.object({
  entryId: ZId,
  kind: ZKbKind,
  slug: z.string(),
  version: z.number(),
  deskWide: z.boolean(),
  content: z.unknown(),
});
export type TKbPublished = z.infer<typeof ZKbPublished>;

export const ZSendArticle = z
  .object({
    tenantId: ZId,
    channel: z.enum(['sms', 'email']),
    to: z.string().trim().min(3).max(254),
    language: ZLanguage.default('es'),
    caseId: ZId.optional(),
  })
  .strict();

export const ZKbUse = z
  .object({ tenantId: ZId, entryId: ZId, kind: z.enum(['viewed', 'resolved', 'escalated']) })
  .strict();

export const ZKbMeasuresQuery = z
  .object({ tenantId: ZId, from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((q) => new Date(q.from) < new Date(q.to), { path: ['to'], message: 'must be after from' });

export const ZKbMeasure = z.object({
  entryId: ZId,
  kind: ZKbKind,
  slug: z.string(),
  channel: z.enum(['ivr', 'portal', 'console']),
  views: z.number(),
  /** Resolved without a person: a caller who heard the answer and hung up, a customer who said it solved it. */
  resolutions: z.number(),
  escalations: z.number(),
});
export type TKbMeasure = z.infer<typeof ZKbMeasure>;

// The customer portal.
export const ZPortalTenant = z.object({
  code: z.string(),
  name: z.string(),
  language: ZLanguage,
  intakeSchema: z.unknown(),
  trees: z.array(z.object({ slug: z.string(), title: z.string() })),
});
export type TPortalTenant = z.infer<typeof ZPortalTenant>;

export const ZPortalStatusRequest = z
  .object({ reference: z.string().trim().min(1).max(40), phone: z.string().trim().min(3).max(40) })
  .strict();
export const ZPortalStatus = z.object({ reference: z.string(), status: ZCaseStatus, openedAt: z.string(), updatedAt: z.string() });
export type TPortalStatus = z.infer<typeof ZPortalStatus>;

export const ZPortalCase = z
  .object({
    name: z.string().trim().max(200),
    phone: z.string().trim().max(40),
    intake: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])),
    description: z.string().max(5000).default(''),
    /** The self-diagnosis that led here, counted as escalated in the measures. */
    treeSlug: ZKbSlug.optional(),
  })
  .strict();
export const ZPortalCaseResult = z.object({ reference: z.string(), duplicate: z.boolean() });

export const ZPortalFeedback = z.object({ slug: ZKbSlug, outcome: z.enum(['resolved', 'escalated']) }).strict();
