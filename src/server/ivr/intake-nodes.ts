import type { TLanguage } from '../../shared/common.ts';
import { fieldWithMeaning, type TIntakeField } from '../../shared/intake-schema.ts';
import type { TIvrNodeOf } from '../../shared/ivr-flow.ts';
import { beginInput, beginKeyInput, retryInput } from './digit-input.ts';
import { fallbackTo, goto, request, retryPrompts, variablesOf, type TIvrTurn, type TNodeHandler } from './ivr-turn.ts';
import type { TIvrPromptItem } from './ivr-types.ts';
import { phrase, resolvePrompt, resolveText } from './resolve-prompt.ts';

/** Nodes that fill the case's intake: one protocol field at a time, or the caller's registered appliance. */

/** Option labels are titles ("Lavadora"); inside a sentence they read better in lower case. */
function labelText(labels: TIntakeField['labels'], language: TLanguage): string {
  const text = labels[language] ?? labels.es ?? labels.ca ?? labels.en ?? '';
  return text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
}

function fieldPrompt(turn: TIvrTurn, node: TIvrNodeOf<'collect_field'>, field: TIntakeField): TIvrPromptItem[] {
  const { language } = turn.ctx;
  const intro = node.prompt
    ? resolvePrompt(node.prompt, language, variablesOf(turn))
    : field.type === 'choice'
      ? []
      : resolveText(field.labels, language, {});
  const list = node.listOptions ?? !node.prompt;
  switch (field.type) {
    case 'choice': {
      if (!list) return intro;
      const options = (field.options ?? []).flatMap((option) =>
        option.digit ? phrase('choiceOption', language, { label: labelText(option.labels, language), digit: option.digit }) : [],
      );
      return [...intro, ...options];
    }
    case 'boolean':
      return list ? [...intro, ...phrase('yesNo', language)] : intro;
    case 'number':
      return node.prompt ? intro : [...intro, ...phrase('numberEntry', language)];
    default:
      return node.prompt ? intro : [...intro, ...phrase('dateEntry', language)];
  }
}

/** DDMMYYYY as keyed on a phone → the ISO date the intake stores, or undefined for an impossible date. */
function parseKeyedDate(digits: string): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
  if (!match) return undefined;
  const [, dd, mm, yyyy] = match;
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${yyyy}-${mm}-${dd}`;
}

function parseAnswer(field: TIntakeField, value: string): string | number | boolean | undefined {
  switch (field.type) {
    case 'choice':
      return field.options?.find((o) => o.digit === value)?.value;
    case 'boolean':
      return value === '1' ? true : value === '2' ? false : undefined;
    case 'number': {
      const n = Number(value);
      if (field.min !== undefined && n < field.min) return undefined;
      if (field.max !== undefined && n > field.max) return undefined;
      return n;
    }
    case 'date':
      return parseKeyedDate(value);
    default:
      return undefined;
  }
}

function findField(turn: TIvrTurn, key: string): TIntakeField | undefined {
  return turn.ctx.intakeSchema.fields.find((f) => f.key === key);
}

export const collectFieldNode: TNodeHandler<TIvrNodeOf<'collect_field'>> = {
  enter(turn, node) {
    const field = findField(turn, node.field);
    if (!field || field.type === 'text') {
      fallbackTo(turn, node.fallback, 'unsupported_field');
      return;
    }
    // Already answered, e.g. by choosing a registered appliance: never ask twice.
    if (turn.state.intake[field.key] !== undefined) {
      goto(turn, node.next, 'already_known');
      return;
    }
    const keyed = field.type === 'choice' || field.type === 'boolean';
    beginInput(turn, {
      mode: keyed ? 'key' : 'digits',
      minDigits: field.type === 'date' ? 8 : 1,
      maxDigits: field.type === 'date' ? 8 : keyed ? 1 : 15,
      terminator: keyed ? null : '#',
      timeoutSeconds: node.timeoutSeconds,
      interDigitSeconds: node.interDigitSeconds,
      retries: node.retries,
      prompt: fieldPrompt(turn, node, field),
      ...retryPrompts(turn, node),
    });
  },
  inputDone(turn, node, value) {
    const field = findField(turn, node.field);
    const answer = field ? parseAnswer(field, value) : undefined;
    if (answer === undefined) {
      if (!retryInput(turn, 'invalid')) fallbackTo(turn, node.fallback);
      return;
    }
    turn.state.intake[node.field] = answer;
    goto(turn, node.next, `value:${String(answer)}`);
  },
  gaveUp(turn, node) {
    fallbackTo(turn, node.fallback);
  },
};

/** One key per registered appliance; the "other" key is kept free. */
const maxOfferedAssets = 8;

function offeredAssets(turn: TIvrTurn) {
  const assets = turn.state.customer?.assets ?? [];
  return assets.slice(0, maxOfferedAssets).map((asset, i) => ({ asset, digit: String(i + 1) }));
}

export const identifyCallerNode: TNodeHandler<TIvrNodeOf<'identify_caller'>> = {
  enter(turn) {
    request(turn, { type: 'identify_caller' }, 'identify_caller');
  },
  answer(turn, node, event) {
    if (event.type !== 'caller_identified') return;
    const customer = event.customer;
    turn.state.customer = customer;
    if (!customer) {
      goto(turn, node.nextUnknown, 'unknown');
      return;
    }
    turn.state.variables.customerName = customer.name;
    if (!node.confirmAsset || customer.assets.length === 0) {
      goto(turn, node.nextKnown, 'known');
      return;
    }
    const { language } = turn.ctx;
    const applianceField = fieldWithMeaning(turn.ctx.intakeSchema, 'appliance_type');
    const options = offeredAssets(turn).flatMap(({ asset, digit }) => {
      const option = applianceField?.options?.find((o) => o.value === asset.applianceType);
      const label = option ? labelText(option.labels, language) : asset.applianceType.replace(/_/g, ' ');
      return phrase('assetOption', language, { label, brand: asset.brand, digit });
    });
    beginKeyInput(turn, {
      timeoutSeconds: node.timeoutSeconds,
      retries: node.retries,
      prompt: [
        ...resolvePrompt(node.assetPrompt, language, variablesOf(turn)),
        ...options,
        ...phrase('otherAsset', language, { digit: node.otherDigit }),
      ],
      ...retryPrompts(turn, node),
    });
  },
  inputDone(turn, node, value) {
    if (value === node.otherDigit) {
      goto(turn, node.nextKnown, 'other_asset');
      return;
    }
    const chosen = offeredAssets(turn).find((o) => o.digit === value)?.asset;
    if (!chosen) {
      if (!retryInput(turn, 'invalid')) goto(turn, node.nextKnown, 'no_asset');
      return;
    }
    turn.state.assetId = chosen.id;
    const applianceField = fieldWithMeaning(turn.ctx.intakeSchema, 'appliance_type');
    if (applianceField?.options?.some((o) => o.value === chosen.applianceType)) {
      turn.state.intake[applianceField.key] = chosen.applianceType;
    }
    goto(turn, node.nextKnown, `asset:${chosen.id}`);
  },
  gaveUp(turn, node) {
    goto(turn, node.nextKnown, 'no_asset');
  },
};
