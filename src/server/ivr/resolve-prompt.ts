import { caseStatuses, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import { languages, type TLanguage } from '../../shared/common.ts';
import type { TIvrPrompt, TIvrPromptText } from '../../shared/ivr-flow.ts';
import { ivrPhrases, statusWords, type TIvrPhraseKey } from './ivr-phrases.ts';
import type { TIvrPromptItem } from './ivr-types.ts';

const placeholder = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

function isStatus(value: string): value is TCaseStatus {
  return (caseStatuses as readonly string[]).includes(value);
}

/** The call's language when the text has it, otherwise the first language it has. */
function pickLanguage(text: Partial<Record<TLanguage, string>>, language: TLanguage): TLanguage | undefined {
  if (text[language]) return language;
  return languages.find((l) => text[l]);
}

/** Speech engines stumble on "lavadora , pulse": tidy what an empty placeholder leaves behind. */
function tidy(text: string): string {
  return text.replace(/\s+([,.;:?!])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

/**
 * Fills `{placeholders}`: `{reference}` becomes a digit-by-digit item, `{status}` the status in
 * words, anything else the variable's text (empty when unknown, so a prompt never reads out braces).
 */
export function fillText(template: string, language: TLanguage, variables: Record<string, string>): TIvrPromptItem[] {
  const items: TIvrPromptItem[] = [];
  let text = '';
  const flush = () => {
    const clean = tidy(text);
    // A lone "." after a reference is not worth a trip through the synthesizer.
    if (/[\p{L}\p{N}]/u.test(clean)) items.push({ kind: 'tts', language, text: clean });
    text = '';
  };
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1] ?? '';
    const value = variables[name] ?? '';
    if (name === 'reference' && /^[0-9]+$/.test(value)) {
      flush();
      items.push({ kind: 'digits', language, digits: value });
    } else if (name === 'status' && isStatus(value)) {
      text += statusWords[value][language];
    } else {
      text += value;
    }
  }
  text += template.slice(last);
  flush();
  return items;
}

export function resolveText(text: TIvrPromptText, language: TLanguage, variables: Record<string, string>): TIvrPromptItem[] {
  const chosen = pickLanguage(text, language);
  const template = chosen ? text[chosen] : undefined;
  return chosen && template ? fillText(template, chosen, variables) : [];
}

export function resolvePrompt(
  prompt: TIvrPrompt | undefined,
  language: TLanguage,
  variables: Record<string, string>,
): TIvrPromptItem[] {
  if (!prompt) return [];
  const parts = Array.isArray(prompt) ? prompt : [prompt];
  return parts.flatMap((part) => ('audio' in part ? [{ kind: 'audio' as const, id: part.audio }] : resolveText(part.text, language, variables)));
}

/** A built-in phrase in the call's language. */
export function phrase(key: TIvrPhraseKey, language: TLanguage, variables: Record<string, string> = {}): TIvrPromptItem[] {
  return fillText(ivrPhrases[key][language], language, variables);
}

/** The flow's prompt when it has one, else the built-in phrase. */
export function promptOr(
  prompt: TIvrPrompt | undefined,
  key: TIvrPhraseKey,
  language: TLanguage,
  variables: Record<string, string>,
): TIvrPromptItem[] {
  return prompt ? resolvePrompt(prompt, language, variables) : phrase(key, language, variables);
}
