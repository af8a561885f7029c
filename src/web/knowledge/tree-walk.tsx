import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TLanguage } from '../../shared/common.ts';
import { labelIn, walkTree, type TTreeContent } from '../../shared/knowledge.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import { useI18n } from '../i18n/i18n-context.ts';

type TTreeWalkProps = {
  tree: TTreeContent;
  language: TLanguage;
  /** What to show when the answers reach a solution article. */
  renderSolution: (slug: string, intake: TIntakeValues) => ReactNode;
  /** What to show when the answers say a case must be opened. */
  renderCase: (intake: TIntakeValues) => ReactNode;
};

/**
 * A self-diagnosis tree walked one question at a time: the customer's interactive diagnosis on the
 * portal and the operator's guided script, with the same walk the phone line follows by keys.
 */
export function TreeWalk({ tree, language, renderSolution, renderCase }: TTreeWalkProps) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<number[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const { step, intake } = walkTree(tree, answers);

  useEffect(() => {
    // Moving to the next question puts the keyboard and screen reader on it.
    if (answers.length > 0) heading.current?.focus();
  }, [answers.length]);

  const back = answers.length > 0 ? (
    <button type="button" className="button button--small" onClick={() => setAnswers(answers.slice(0, -1))}>
      {t('kb.back')}
    </button>
  ) : null;

  if (step.kind === 'question') {
    const question = tree.nodes[step.node]!;
    return (
      <div className="tree-walk" data-testid="tree-walk">
        <p className="muted">{t('kb.step', { n: answers.length + 1 })}</p>
        <h2 className="tree-walk__question" ref={heading} tabIndex={-1} aria-live="polite">
          {labelIn(question.question, language)}
        </h2>
        <div className="tree-walk__answers">
          {question.answers.map((answer, i) => (
            <button key={i} type="button" className="button tree-walk__answer" onClick={() => setAnswers([...answers, i + 1])}>
              <span className="tree-walk__key" aria-hidden="true">{i + 1}</span>
              {labelIn(answer.label, language)}
            </button>
          ))}
        </div>
        <div className="button-row">{back}</div>
      </div>
    );
  }
  return (
    <div className="tree-walk" data-testid="tree-walk">
      <h2 className="visually-hidden" ref={heading} tabIndex={-1}>
        {t('kb.result')}
      </h2>
      {step.kind === 'solution' ? renderSolution(step.article, intake) : step.kind === 'case' ? renderCase(intake) : <p>{t('kb.treeBroken')}</p>}
      <div className="button-row">
        {back}
        <button type="button" className="button button--small" onClick={() => setAnswers([])}>
          {t('kb.restart')}
        </button>
      </div>
    </div>
  );
}
