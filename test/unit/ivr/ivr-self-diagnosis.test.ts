import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoKnowledge } from '../../../src/server/demo/demo-knowledge.ts';
import type { TIvrKnowledge } from '../../../src/server/ivr/ivr-types.ts';
import { ZIvrFlow } from '../../../src/shared/ivr-flow.ts';
import { walkTree } from '../../../src/shared/knowledge.ts';
import { playsIn, startCall, typesOf } from './ivr-call.ts';

const ids = { tree: '00000000-0000-4000-8000-000000000001', filter: '00000000-0000-4000-8000-000000000002', power: '00000000-0000-4000-8000-000000000003' };
const spokenOf = (article: typeof demoKnowledge.filterArticle) => `${article.variants.es!.title}. ${article.variants.es!.summary}`;
const knowledge: TIvrKnowledge = {
  articles: {
    'lavadora-filtro': { entryId: ids.filter, language: 'es', spoken: spokenOf(demoKnowledge.filterArticle) },
    'no-enciende': { entryId: ids.power, language: 'es', spoken: spokenOf(demoKnowledge.noPowerArticle) },
  },
  trees: { autodiagnostico: { entryId: ids.tree, tree: demoKnowledge.selfDiagnosis } },
};

function selfHelpCall(language: 'es' | 'en' = 'es') {
  const call = startCall({ context: { knowledge, language } });
  call.finishPrompt();
  return call;
}

test('option 3 asks the tree’s first question, listing its answers by key', () => {
  const call = selfHelpCall();
  assert.deepEqual(playsIn(call.press('3')), [
    '¿Qué le pasa al aparato? Si la lavadora no desagua, pulse 1. Si el aparato no enciende, pulse 2. Si es otra avería, pulse 3.',
  ]);
});

test('a solution reads the article, and "it solved it" ends the call as self-help, resolved', () => {
  const call = selfHelpCall();
  call.press('3');
  assert.match(playsIn(call.press('1'))[0] ?? '', /^¿Ha limpiado ya el filtro/);
  const solution = playsIn(call.press('1'))[0] ?? '';
  assert.ok(solution.startsWith(spokenOf(demoKnowledge.filterArticle)), solution);
  assert.match(solution, /Si esto ha resuelto el problema, pulse 1/);
  assert.deepEqual(playsIn(call.press('1')), ['Gracias por llamar a Reparaciones Martínez. Adiós.']);
  call.finishPrompt();
  assert.deepEqual(call.log.at(-2), { type: 'outcome', outcome: 'self_help' });
  assert.deepEqual(call.state.path.find((s) => s.node === 'self_help')?.result, 'solved:lavadora-filtro');
  assert.deepEqual(call.state.kbUses, [
    { entryId: ids.tree, how: 'viewed' }, { entryId: ids.filter, how: 'viewed' },
    { entryId: ids.tree, how: 'resolved' }, { entryId: ids.filter, how: 'resolved' },
  ]);
});

test('"open a case" carries the answers into the intake, so the new-repair path skips what is known', () => {
  const call = selfHelpCall();
  call.press('3');
  call.press('1');
  assert.deepEqual(typesOf(call.press('2')), ['stop_playback', 'identify_caller']);
  assert.deepEqual(call.state.intake, { appliance: 'washing_machine', urgency: 'normal' });
  // Appliance and urgency are known: only the warranty is asked, then the case is opened.
  assert.match(playsIn(call.send({ type: 'caller_identified', customer: null }))[0] ?? '', /^¿Está el aparato en garantía\?/);
  assert.deepEqual(call.press('2').at(-1), { type: 'create_case', intake: { appliance: 'washing_machine', urgency: 'normal', underWarranty: false } });
  assert.deepEqual(call.state.kbUses.at(-1), { entryId: ids.tree, how: 'escalated' });
});

test('a key with no answer is refused and the question asked again; English callers hear English', () => {
  const call = selfHelpCall('en');
  call.press('3');
  const again = playsIn(call.press('7'));
  assert.deepEqual(again, ['That is not a valid option. What is wrong with the appliance? If the washing machine does not drain, press 1. If the appliance does not switch on, press 2. If it is another problem, press 3.']);
});

test('the walk is the same for every channel: answers map to a question, a solution or a case', () => {
  const tree = demoKnowledge.selfDiagnosis;
  assert.deepEqual(walkTree(tree, []).step, { kind: 'question', node: 'problem' });
  assert.deepEqual(walkTree(tree, [1]), { step: { kind: 'question', node: 'filter' }, intake: { appliance: 'washing_machine' } });
  assert.deepEqual(walkTree(tree, [2]).step, { kind: 'solution', article: 'no-enciende' });
  assert.deepEqual(walkTree(tree, [1, 2]), { step: { kind: 'case' }, intake: { appliance: 'washing_machine', urgency: 'normal' } });
  assert.deepEqual(walkTree(tree, [4]).step, { kind: 'invalid' });
  assert.deepEqual(walkTree(tree, [3, 1]).step, { kind: 'invalid' });
});

test('knowledge nodes in a flow must lead to nodes that exist', () => {
  const result = ZIvrFlow.safeParse({
    version: 1, start: 'help',
    nodes: { help: { type: 'decision_tree', tree: 'x', solved: 'nowhere', openCase: 'help' }, read: { type: 'read_article', article: 'Bad Slug', next: 'help' } },
  });
  assert.equal(result.success, false);
  const paths = result.error!.issues.map((i) => i.path.join('.'));
  assert.ok(paths.includes('nodes.help.solved'), paths.join());
  assert.ok(paths.includes('nodes.read.article'), paths.join());
});

test('read_article speaks the published summary, marks self-help, and goes on; an unpublished one is skipped', () => {
  const flow = ZIvrFlow.parse({
    version: 1, start: 'tip',
    nodes: {
      tip: { type: 'read_article', article: 'no-enciende', next: 'bye' },
      other: { type: 'read_article', article: 'not-published', next: 'bye', missing: 'bye' },
      bye: { type: 'hangup', prompt: { text: { es: 'Adiós.' } } },
    },
  });
  const call = startCall({ flow, context: { knowledge } });
  assert.deepEqual(playsIn(call.log), [spokenOf(demoKnowledge.noPowerArticle)]);
  assert.deepEqual(playsIn(call.finishPrompt()), ['Adiós.']);
  assert.deepEqual(call.state.kbUses, [{ entryId: ids.power, how: 'viewed' }]);
  call.finishPrompt();
  assert.deepEqual(call.log.at(-2), { type: 'outcome', outcome: 'self_help' });

  const missing = startCall({ flow: { ...flow, start: 'other' }, context: { knowledge } });
  assert.deepEqual(playsIn(missing.log), ['Adiós.']);
  assert.deepEqual(missing.state.path[0], { node: 'other', result: 'missing' });
});
