import type { TIntakeSchema } from './intake-schema.ts';
import { nodeLinks, type TIvrFlow } from './ivr-flow.ts';

export interface TIvrFlowProblem {
  path: (string | number)[];
  message: string;
}

/** Node ids no call can reach from `start`: worth a warning in the editor, not a reason to refuse the flow. */
export function findUnreachableNodes(flow: TIvrFlow): string[] {
  const roots = [flow.start, ...(flow.operatorKey ? [flow.operatorKey.node] : [])];
  const seen = new Set<string>(roots);
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const node = flow.nodes[id];
    if (!node) continue;
    for (const { target } of nodeLinks(node)) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return Object.keys(flow.nodes).filter((id) => !seen.has(id));
}

/**
 * Cross-checks a flow against the intake schema of the protocol it is published with: every
 * collected field exists and can be keyed in, and every required field is collected on every path
 * that reaches a `create_case` node (otherwise that case would be refused on the phone).
 */
export function validateFlowAgainstProtocol(flow: TIvrFlow, intake: TIntakeSchema): TIvrFlowProblem[] {
  const problems: TIvrFlowProblem[] = [];
  const fields = new Map(intake.fields.map((f) => [f.key, f]));
  const collectedAnywhere = new Set<string>();

  for (const [id, node] of Object.entries(flow.nodes)) {
    if (node.type !== 'collect_field') continue;
    const path = ['nodes', id, 'field'];
    const field = fields.get(node.field);
    if (!field) {
      problems.push({ path, message: `the protocol has no intake field '${node.field}'` });
      continue;
    }
    collectedAnywhere.add(field.key);
    if (field.type === 'text') {
      problems.push({ path, message: `'${field.key}' is a text field and cannot be keyed in on a phone` });
    }
    for (const option of field.options ?? []) {
      if (!option.digit) {
        problems.push({ path, message: `option '${option.value}' of '${field.key}' has no digit, so callers cannot choose it` });
      }
    }
    const keys = field.type === 'boolean' ? ['1', '2'] : (field.options ?? []).map((o) => o.digit);
    if (flow.operatorKey && keys.includes(flow.operatorKey.key)) {
      problems.push({ path, message: `'${field.key}' answers with key ${flow.operatorKey.key}, which is the flow's operator key` });
    }
  }

  const collectedBefore = fieldsCollectedOnEveryPath(flow);
  const required = intake.fields.filter((f) => f.required).map((f) => f.key);
  for (const [id, node] of Object.entries(flow.nodes)) {
    const known = collectedBefore.get(id);
    if (node.type !== 'create_case' || !known) continue;
    for (const key of required) {
      if (known.has(key)) continue;
      problems.push({
        path: ['nodes', id],
        message: collectedAnywhere.has(key)
          ? `required field '${key}' is not collected on every path to this node`
          : `required field '${key}' is not collected anywhere in the flow`,
      });
    }
  }
  return problems;
}

/**
 * A forward "must" data-flow analysis: for each reachable node, the intake fields collected on
 * every path from `start` to it. Only the `next` link of a collect_field node carries its field;
 * its fallback does not, since the caller never answered.
 */
function fieldsCollectedOnEveryPath(flow: TIvrFlow): Map<string, Set<string>> {
  // The operator key jumps from any question, so its node is a second start knowing nothing for sure.
  const roots = [flow.start, ...(flow.operatorKey ? [flow.operatorKey.node] : [])];
  const known = new Map<string, Set<string>>(roots.map((id) => [id, new Set<string>()]));
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const node = flow.nodes[id];
    const here = known.get(id);
    if (!node || !here) continue;
    for (const link of nodeLinks(node)) {
      const out = new Set(here);
      if (link.collects) out.add(link.collects);
      const before = known.get(link.target);
      const after = before ? new Set([...before].filter((key) => out.has(key))) : out;
      if (!before || after.size !== before.size) {
        known.set(link.target, after);
        queue.push(link.target);
      }
    }
  }
  return known;
}
