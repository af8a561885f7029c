import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TIntakeSchema } from '../../../src/shared/intake-schema.ts';
import { findUnreachableNodes, validateFlowAgainstProtocol } from '../../../src/shared/ivr-flow-check.ts';
import { ZIvrFlow, type TIvrFlowInput } from '../../../src/shared/ivr-flow.ts';
import { demoIntakeSchema } from '../../../src/server/demo/demo-protocol.ts';
import { demoIvrFlow } from '../../../src/server/ivr/demo-flow.ts';

const say = (next: string) => ({ type: 'say', prompt: { text: { es: 'Hola.' } }, next }) as const;

function issuesOf(flow: unknown): { path: PropertyKey[]; message: string }[] {
  const result = ZIvrFlow.safeParse(flow);
  assert.equal(result.success, false, 'the flow should be refused');
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

test('the demo flow is valid, fits the demo intake and reaches every node', () => {
  assert.deepEqual(ZIvrFlow.parse(demoIvrFlow), demoIvrFlow);
  assert.deepEqual(validateFlowAgainstProtocol(demoIvrFlow, demoIntakeSchema), []);
  assert.deepEqual(findUnreachableNodes(demoIvrFlow), []);
});

test('the demo flow follows the demo contract: 1 new repair, 2 status, 3 self-help, 0 operator', () => {
  const menu = demoIvrFlow.nodes.main_menu;
  assert.equal(menu?.type, 'menu');
  assert.deepEqual(menu?.type === 'menu' && menu.options, { '1': 'caller', '2': 'status', '3': 'self_help', '0': 'operator' });
  assert.deepEqual(
    ['caller', 'appliance', 'warranty', 'urgency', 'new_case', 'goodbye'].map((id) => demoIvrFlow.nodes[id]?.type),
    ['identify_caller', 'collect_field', 'collect_field', 'collect_field', 'create_case', 'hangup'],
  );
  assert.equal(demoIvrFlow.nodes.operator?.type === 'transfer' && demoIvrFlow.nodes.operator.fallback, 'voicemail');
  for (const [id, node] of Object.entries(demoIvrFlow.nodes)) {
    const prompt = 'prompt' in node ? node.prompt : undefined;
    if (prompt && !Array.isArray(prompt) && 'text' in prompt) {
      assert.ok(prompt.text.es && prompt.text.ca && prompt.text.en, `${id} speaks Spanish, Catalan and English`);
    }
  }
});

test('defaults are filled in', () => {
  const flow = ZIvrFlow.parse({
    version: 1,
    start: 'menu',
    nodes: {
      menu: { type: 'menu', prompt: { text: { es: 'Pulse 1.' } }, options: { '1': 'ask' } },
      ask: { type: 'gather', prompt: { audio: 'code-prompt' }, variable: 'code', next: 'menu' },
    },
  });
  assert.deepEqual(flow.nodes.menu, {
    type: 'menu',
    prompt: { text: { es: 'Pulse 1.' } },
    options: { '1': 'ask' },
    timeoutSeconds: 5,
    retries: 2,
  });
  const ask = flow.nodes.ask;
  assert.ok(ask?.type === 'gather');
  assert.deepEqual([ask.terminator, ask.minDigits, ask.maxDigits, ask.interDigitSeconds], ['#', 1, 20, 3]);
});

test('broken flows are refused with the path of the problem', () => {
  assert.deepEqual(issuesOf({ version: 1, start: 'nowhere', nodes: { a: say('a') } }), [
    { path: ['start'], message: "no node 'nowhere'" },
  ]);
  assert.deepEqual(
    issuesOf({
      version: 1,
      start: 'menu',
      nodes: { menu: { type: 'menu', prompt: { text: { es: 'x' } }, options: { '1': 'menu', '2': 'lost' }, fallback: 'gone' } },
    }),
    [
      { path: ['nodes', 'menu', 'options', '2'], message: "no node 'lost'" },
      { path: ['nodes', 'menu', 'fallback'], message: "no node 'gone'" },
    ],
  );
  assert.deepEqual(issuesOf({ version: 1, start: 'a', nodes: { a: say('a'), 'Not-An-Id': say('a') } }).map((i) => i.path), [
    ['nodes', 'Not-An-Id'],
  ]);
  assert.deepEqual(issuesOf({ version: 1, start: 'a', nodes: { a: { type: 'dance' } } }).map((i) => i.path), [['nodes', 'a', 'type']]);
  assert.deepEqual(issuesOf({ version: 1, start: 'a', nodes: { a: { ...say('a'), prompt: { text: {} } } } }), [
    { path: ['nodes', 'a', 'prompt', 'text'], message: 'at least one language is required' },
  ]);
  assert.deepEqual(issuesOf({ version: 1, start: 'a', nodes: { a: { ...say('a'), colour: 'red' } } }).map((i) => i.path), [['nodes', 'a']]);
  assert.deepEqual(
    issuesOf({
      version: 1,
      start: 'a',
      nodes: { a: { type: 'gather', prompt: { text: { es: 'x' } }, variable: 'v', minDigits: 6, maxDigits: 4, next: 'a' } },
    }),
    [{ path: ['nodes', 'a', 'minDigits'], message: 'minDigits is more than maxDigits' }],
  );
  assert.deepEqual(
    issuesOf({ version: 1, start: 'a', nodes: { a: { type: 'create_case', next: 'a', failed: 'b' } } }).map((i) => i.path),
    [['nodes', 'a', 'failed']],
  );
  assert.deepEqual(issuesOf({ version: 2, start: 'a', nodes: { a: say('a') } }).map((i) => i.path), [['version']]);
});

test('unreachable nodes are a warning, not an error', () => {
  const flow = ZIvrFlow.parse({ version: 1, start: 'a', nodes: { a: say('end'), end: { type: 'hangup' }, orphan: say('a') } });
  assert.deepEqual(findUnreachableNodes(flow), ['orphan']);
});

function demoWith(change: (nodes: TIvrFlowInput['nodes']) => void) {
  const nodes = structuredClone(demoIvrFlow.nodes) as TIvrFlowInput['nodes'];
  change(nodes);
  return ZIvrFlow.parse({ ...demoIvrFlow, nodes });
}

test('against the protocol: unknown fields, fields a keypad cannot give, options without a key', () => {
  const flow = demoWith((nodes) => {
    nodes.appliance = { type: 'collect_field', field: 'colour', next: 'warranty' };
    nodes.extra = { type: 'collect_field', field: 'brand', next: 'warranty' };
  });
  const intake: TIntakeSchema = structuredClone(demoIntakeSchema);
  const urgency = intake.fields.find((f) => f.key === 'urgency');
  urgency?.options?.forEach((o) => delete o.digit);
  assert.deepEqual(validateFlowAgainstProtocol(flow, intake), [
    { path: ['nodes', 'appliance', 'field'], message: "the protocol has no intake field 'colour'" },
    { path: ['nodes', 'urgency', 'field'], message: "option 'urgent' of 'urgency' has no digit, so callers cannot choose it" },
    { path: ['nodes', 'urgency', 'field'], message: "option 'normal' of 'urgency' has no digit, so callers cannot choose it" },
    { path: ['nodes', 'extra', 'field'], message: "'brand' is a text field and cannot be keyed in on a phone" },
    { path: ['nodes', 'new_case'], message: "required field 'appliance' is not collected anywhere in the flow" },
  ]);
});

test('against the protocol: a required field skipped on one path to create_case is reported', () => {
  const flow = demoWith((nodes) => {
    // Callers who give up on the warranty question would go straight on to the urgency.
    const warranty = nodes.warranty;
    if (warranty?.type === 'collect_field') warranty.fallback = 'urgency';
  });
  assert.deepEqual(validateFlowAgainstProtocol(flow, demoIntakeSchema), [
    { path: ['nodes', 'new_case'], message: "required field 'underWarranty' is not collected on every path to this node" },
  ]);
});

test('the operator key: its node must exist, no menu may send it elsewhere, and no intake answer may use it', () => {
  const base: TIvrFlowInput = structuredClone(demoIvrFlow);
  assert.deepEqual(issuesOf({ ...base, operatorKey: { key: '0', node: 'nowhere' } }).map((i) => i.path.join('.')), ['operatorKey.node']);
  const menuElsewhere = structuredClone(base);
  (menuElsewhere.nodes.main_menu as { options: Record<string, string> }).options['0'] = 'status';
  const [issue] = issuesOf(menuElsewhere);
  assert.equal(issue?.path.join('.'), 'nodes.main_menu.options.0');
  assert.match(issue?.message ?? '', /operator key/);

  // 5 is the boiler among the appliances: a caller could never choose it.
  const keyedFive = ZIvrFlow.parse({ ...base, operatorKey: { key: '5', node: 'operator' } });
  const problems = validateFlowAgainstProtocol(keyedFive, demoIntakeSchema);
  assert.deepEqual(problems.map((p) => p.path.join('.')), ['nodes.appliance.field']);
  assert.match(problems[0]?.message ?? '', /operator key/);
  assert.deepEqual(validateFlowAgainstProtocol(ZIvrFlow.parse(base), demoIntakeSchema), []);
});
