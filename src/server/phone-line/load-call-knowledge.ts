import type { TLanguage } from '../../shared/common.ts';
import type { TIvrFlow } from '../../shared/ivr-flow.ts';
import { pickLanguage, treeSolutions, type TArticleContent, type TTreeContent } from '../../shared/knowledge.ts';
import type { TIvrKnowledge } from '../ivr/ivr-types.ts';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository.ts';
import { findPublished } from '../knowledge/published-knowledge.ts';

/**
 * The published articles and trees a call's flow can reach, read once when the call is answered:
 * a version published during the call applies from the next call, and the pure engine never waits
 * on the database in the middle of a menu.
 */
export async function loadCallKnowledge(repo: KnowledgeRepository, tenantId: string, language: TLanguage, flow: TIvrFlow): Promise<TIvrKnowledge> {
  const knowledge: TIvrKnowledge = { articles: {}, trees: {} };
  const articleSlugs = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    if (node.type === 'read_article') articleSlugs.add(node.article);
    if (node.type !== 'decision_tree' || knowledge.trees[node.tree]) continue;
    const tree = await findPublished(repo, tenantId, 'tree', node.tree);
    if (!tree) continue;
    const content = tree.content as TTreeContent;
    knowledge.trees[node.tree] = { entryId: tree.entryId, tree: content };
    for (const slug of treeSolutions(content)) articleSlugs.add(slug);
  }
  for (const slug of articleSlugs) {
    const article = await findPublished(repo, tenantId, 'article', slug);
    const variant = article && pickLanguage((article.content as TArticleContent).variants, language);
    if (article && variant) {
      knowledge.articles[slug] = { entryId: article.entryId, language: variant.language, spoken: `${variant.value.title}. ${variant.value.summary}` };
    }
  }
  return knowledge;
}
