import { z } from 'zod';
import { languages, type TLanguage } from './common.ts';

/**
 * Knowledge-base content as stored in a version: an article (one variant per language, each with
 * a markdown body and the short summary the phone line speaks) or a self-diagnosis tree (questions
 * whose answers lead to another question, a solution article, or a case with intake pre-filled).
 */

export const ZKbSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and -');
export const ZKbKind = z.enum(['article', 'tree']);
export type TKbKind = z.infer<typeof ZKbKind>;

const ZKbLine = z.string().trim().min(1).max(300);
/** Short text in one or more languages (a question, an answer, a title). */
export const ZKbLabels = z
  .object({ es: ZKbLine.optional(), ca: ZKbLine.optional(), en: ZKbLine.optional() })
  .strict()
  .refine((t) => t.es ?? t.ca ?? t.en, 'at least one language is required');
export type TKbLabels = z.infer<typeof ZKbLabels>;

export const ZArticleVariant = z
  .object({
    title: ZKbLine,
    /** What the phone line reads out: a few sentences, no markdown. */
    summary: z.string().trim().min(1).max(1000),
    body: z.string().max(50_000),
  })
  .strict();
export type TArticleVariant = z.infer<typeof ZArticleVariant>;

export const ZArticleContent = z
  .object({
    variants: z
      .object({ es: ZArticleVariant.optional(), ca: ZArticleVariant.optional(), en: ZArticleVariant.optional() })
      .strict()
      .refine((v) => v.es ?? v.ca ?? v.en, 'at least one language is required'),
  })
  .strict();
export type TArticleContent = z.infer<typeof ZArticleContent>;

export const ZTreeNodeId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');
const ZIntakeValue = z.union([z.string().max(200), z.number(), z.boolean()]);

export const ZTreeAnswer = z
  .object({
    label: ZKbLabels,
    /** Intake values this answer establishes, carried into the case if one is opened. */
    intake: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/), ZIntakeValue).optional(),
    next: ZTreeNodeId.optional(),
    /** Slug of the article that solves the problem. */
    solution: ZKbSlug.optional(),
    openCase: z.literal(true).optional(),
  })
  .strict()
  .refine((a) => [a.next, a.solution, a.openCase].filter((x) => x !== undefined).length === 1, {
    message: 'an answer leads to exactly one of: next, solution, openCase',
  });
export type TTreeAnswer = z.infer<typeof ZTreeAnswer>;

export const ZTreeQuestion = z
  .object({
    question: ZKbLabels,
    /** Answer n is chosen by key n on the phone, so there are at most nine. */
    answers: z.array(ZTreeAnswer).min(1).max(9),
  })
  .strict();

export const ZTreeContent = z
  .object({
    title: ZKbLabels,
    start: ZTreeNodeId,
    nodes: z.record(ZTreeNodeId, ZTreeQuestion),
  })
  .strict()
  .superRefine((tree, ctx) => {
    const ids = Object.keys(tree.nodes);
    if (ids.length === 0 || ids.length > 100) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'a tree has between 1 and 100 questions' });
    if (!Object.hasOwn(tree.nodes, tree.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: `no question '${tree.start}'` });
    for (const [id, node] of Object.entries(tree.nodes)) {
      node.answers.forEach((answer, i) => {
        if (answer.next !== undefined && !Object.hasOwn(tree.nodes, answer.next)) {
          ctx.addIssue({ code: 'custom', path: ['nodes', id, 'answers', i, 'next'], message: `no question '${answer.next}'` });
        }
      });
    }
  });
export type TTreeContent = z.infer<typeof ZTreeContent>;

export type TKbContent = TArticleContent | TTreeContent;

export function contentSchemaOf(kind: TKbKind) {
  return kind === 'article' ? ZArticleContent : ZTreeContent;
}

/** The text in the wanted language, else the first language it has. */
export function pickLanguage<T>(byLanguage: Partial<Record<TLanguage, T>>, language: TLanguage): { language: TLanguage; value: T } | undefined {
  const chosen = byLanguage[language] !== undefined ? language : languages.find((l) => byLanguage[l] !== undefined);
  const value = chosen ? byLanguage[chosen] : undefined;
  return chosen && value !== undefined ? { language: chosen, value } : undefined;
}

export function labelIn(labels: TKbLabels, language: TLanguage): string {
  return pickLanguage(labels, language)?.value ?? '';
}

/** Where a walk through a tree stands after some answers. */
export type TTreeStep =
  | { kind: 'question'; node: string }
  | { kind: 'solution'; article: string }
  | { kind: 'case' }
  | { kind: 'invalid' };

/**
 * Follows answers (1-based, as keyed on a phone) from the start: the one walk shared by the phone
 * line, the portal and the console's guided script, so the three always agree.
 */
export function walkTree(tree: TTreeContent, answers: readonly number[]): { step: TTreeStep; intake: Record<string, string | number | boolean> } {
  const intake: Record<string, string | number | boolean> = {};
  let node = tree.start;
  for (const [i, choice] of answers.entries()) {
    const answer = tree.nodes[node]?.answers[choice - 1];
    if (!answer) return { step: { kind: 'invalid' }, intake };
    Object.assign(intake, answer.intake ?? {});
    if (answer.next !== undefined) {
      node = answer.next;
      continue;
    }
    // An outcome ends the walk; answers after it make no sense.
    if (i !== answers.length - 1) return { step: { kind: 'invalid' }, intake };
    return { step: answer.solution !== undefined ? { kind: 'solution', article: answer.solution } : { kind: 'case' }, intake };
  }
  return { step: { kind: 'question', node }, intake };
}

/** Slugs of the articles a tree's answers point to. */
export function treeSolutions(tree: TTreeContent): string[] {
  return [...new Set(Object.values(tree.nodes).flatMap((n) => n.answers.flatMap((a) => (a.solution ? [a.solution] : []))))];
}
