import type { TIvrNodeOf } from '../../shared/ivr-flow.ts';
import { labelIn, walkTree, type TTreeContent } from '../../shared/knowledge.ts';
import { beginKeyInput, retryInput } from './digit-input.ts';
import { fallbackTo, goto, play, retryPrompts, setOutcome, type TIvrTurn, type TNodeHandler } from './ivr-turn.ts';
import type { TIvrKbUse, TIvrPromptItem } from './ivr-types.ts';
import { phrase } from './resolve-prompt.ts';

/**
 * Nodes that speak the knowledge base: an article's summary, and a self-diagnosis tree walked by
 * keys. The content is the published version the runner loaded when the call arrived; the walk
 * itself is `walkTree`, shared with the portal and the console so all three agree.
 */

function note(turn: TIvrTurn, entryId: string, how: TIvrKbUse['how']): void {
  turn.state.kbUses.push({ entryId, how });
}

/** Article text is spoken as written: it is content, not a template, so braces in it are never filled. */
function articleSpeech(turn: TIvrTurn, slug: string): { entryId: string; items: TIvrPromptItem[] } | undefined {
  const article = turn.ctx.knowledge?.articles[slug];
  return article && { entryId: article.entryId, items: [{ kind: 'tts', language: article.language, text: article.spoken }] };
}

export const readArticleNode: TNodeHandler<TIvrNodeOf<'read_article'>> = {
  enter(turn, node) {
    const article = articleSpeech(turn, node.article);
    if (!article) {
      goto(turn, node.missing ?? node.next, 'missing');
      return;
    }
    note(turn, article.entryId, 'viewed');
    setOutcome(turn, 'self_help');
    play(turn, article.items, node.bargeIn, 'next');
  },
  played(turn, node, _then, interrupted) {
    goto(turn, node.next, interrupted ? 'interrupted' : 'read');
  },
};

function treeOf(turn: TIvrTurn, node: TIvrNodeOf<'decision_tree'>): { entryId: string; tree: TTreeContent } | undefined {
  return turn.ctx.knowledge?.trees[node.tree];
}

/** Asks the question the answers so far lead to, or (after a solution) whether it solved the problem. */
function ask(turn: TIvrTurn, node: TIvrNodeOf<'decision_tree'>, prompt: TIvrPromptItem[]): void {
  beginKeyInput(turn, { timeoutSeconds: node.timeoutSeconds, retries: node.retries, prompt, ...retryPrompts(turn, node) });
}

function questionPrompt(turn: TIvrTurn, tree: TTreeContent, nodeId: string): TIvrPromptItem[] {
  const question = tree.nodes[nodeId];
  if (!question) return [];
  const { language } = turn.ctx;
  const options = question.answers.flatMap((answer, i) => {
    const label = labelIn(answer.label, language);
    return phrase('kbAnswerOption', language, { label: label.charAt(0).toLocaleLowerCase(language) + label.slice(1), digit: String(i + 1) });
  });
  return [{ kind: 'tts', language, text: labelIn(question.question, language) }, ...options];
}

export const decisionTreeNode: TNodeHandler<TIvrNodeOf<'decision_tree'>> = {
  enter(turn, node) {
    const found = treeOf(turn, node);
    if (!found) {
      fallbackTo(turn, node.fallback, 'missing');
      return;
    }
    turn.state.treeAnswers = [];
    note(turn, found.entryId, 'viewed');
    ask(turn, node, questionPrompt(turn, found.tree, found.tree.start));
  },
  inputDone(turn, node, value) {
    const found = treeOf(turn, node);
    if (!found) return;
    const before = walkTree(found.tree, turn.state.treeAnswers);
    if (before.step.kind === 'solution') {
      confirmSolution(turn, node, found.entryId, before.step.article, before.intake, value);
      return;
    }
    const answers = [...turn.state.treeAnswers, Number(value)];
    const after = walkTree(found.tree, answers);
    switch (after.step.kind) {
      case 'invalid':
        if (!retryInput(turn, 'invalid')) fallbackTo(turn, node.fallback);
        return;
      case 'question':
        turn.state.treeAnswers = answers;
        ask(turn, node, questionPrompt(turn, found.tree, after.step.node));
        return;
      case 'case':
        turn.state.treeAnswers = answers;
        openCase(turn, node, found.entryId, after.intake);
        return;
      case 'solution': {
        turn.state.treeAnswers = answers;
        const article = articleSpeech(turn, after.step.article);
        if (!article) {
          // The solution was unpublished after the tree went out: a person takes it from here.
          openCase(turn, node, found.entryId, after.intake);
          return;
        }
        note(turn, article.entryId, 'viewed');
        setOutcome(turn, 'self_help');
        ask(turn, node, [...article.items, ...phrase('kbSolvedQuestion', turn.ctx.language)]);
      }
    }
  },
  gaveUp(turn, node) {
    const found = treeOf(turn, node);
    // Silence after hearing the solution is not a failure: the caller heard the answer.
    if (found && walkTree(found.tree, turn.state.treeAnswers).step.kind === 'solution') goto(turn, node.solved, 'heard');
    else fallbackTo(turn, node.fallback);
  },
};

function confirmSolution(
  turn: TIvrTurn,
  node: TIvrNodeOf<'decision_tree'>,
  treeEntryId: string,
  slug: string,
  intake: Record<string, string | number | boolean>,
  value: string,
): void {
  if (value === '1') {
    note(turn, treeEntryId, 'resolved');
    const article = turn.ctx.knowledge?.articles[slug];
    if (article) note(turn, article.entryId, 'resolved');
    goto(turn, node.solved, `solved:${slug}`);
  } else if (value === '2') {
    openCase(turn, node, treeEntryId, intake);
  } else if (!retryInput(turn, 'invalid')) {
    goto(turn, node.solved, 'heard');
  }
}

function openCase(turn: TIvrTurn, node: TIvrNodeOf<'decision_tree'>, treeEntryId: string, intake: Record<string, string | number | boolean>): void {
  const fields = new Set(turn.ctx.intakeSchema.fields.map((f) => f.key));
  // Only the protocol's own fields are carried: a desk-wide tree may know fields this tenant lacks.
  for (const [key, value] of Object.entries(intake)) if (fields.has(key)) turn.state.intake[key] = value;
  note(turn, treeEntryId, 'escalated');
  turn.state.outcome = null;
  goto(turn, node.openCase, 'case');
}
