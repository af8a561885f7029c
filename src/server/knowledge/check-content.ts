import { intakeValidator, type TIntakeSchema } from '../../shared/intake-schema.ts';
import { contentSchemaOf, treeSolutions, type TKbContent, type TKbKind, type TTreeContent } from '../../shared/knowledge.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { fieldErrorsOf } from '../platform/validation.ts';
import type { KnowledgeDeps } from './knowledge-deps.ts';

/** The content of a version, with error paths that name it as the body does (`content.variants.es.title`). */
export function parseContent(kind: TKbKind, content: unknown): TKbContent {
  const result = contentSchemaOf(kind).safeParse(content);
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error).map((f) => ({ path: f.path === '(body)' ? 'content' : `content.${f.path}`, message: f.message }));
  throw new AppError('validation_failed', `invalid content: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
}

/**
 * Before a tree goes out it must lead somewhere real: every solution is a published article the
 * tenant can see, and the intake an answer pre-fills is valid for the tenant's protocol in force
 * (so the case it opens is accepted). Desk-wide trees are checked for articles only: each tenant's
 * own protocol validates the pre-filled intake when the case is opened.
 */
export async function checkTreeLinks(deps: KnowledgeDeps, tenantId: string | null, tree: TTreeContent): Promise<void> {
  const problems: FieldError[] = [];
  for (const slug of treeSolutions(tree)) {
    const found = tenantId
      ? await deps.knowledge.findPublishedBySlug(tenantId, 'article', slug)
      : (await deps.knowledge.listEntries(null, 'article')).find((e) => e.slug === slug && e.publishedVersion !== null);
    if (!found) problems.push({ path: 'content.nodes', message: `no published article '${slug}'` });
  }
  if (tenantId) {
    const protocol = await deps.protocols.findInForce(tenantId);
    if (protocol) problems.push(...intakeProblems(protocol.intakeSchema, tree));
  }
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

function intakeProblems(schema: TIntakeSchema, tree: TTreeContent): FieldError[] {
  const validator = intakeValidator(schema);
  const problems: FieldError[] = [];
  for (const [id, node] of Object.entries(tree.nodes)) {
    node.answers.forEach((answer, i) => {
      for (const [key, value] of Object.entries(answer.intake ?? {})) {
        const path = `content.nodes.${id}.answers.${i}.intake.${key}`;
        if (!schema.fields.some((f) => f.key === key)) {
          problems.push({ path, message: `the protocol has no intake field '${key}'` });
          continue;
        }
        const single = validator.safeParse({ [key]: value });
        const issue = single.success ? undefined : single.error.issues.find((x) => x.path[0] === key);
        if (issue) problems.push({ path, message: issue.message });
      }
    });
  }
  return problems;
}
