import { callOutcomes } from '../../shared/api/calls.ts';
import type { TI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { humanize } from './format.ts';

/** A call's outcome in the reader's language; an outcome this build does not know reads as its code. */
export function callOutcomeLabel(t: TI18n['t'], outcome: string): string {
  return (callOutcomes as readonly string[]).includes(outcome) ? t(`callOutcome.${outcome}` as TMessageKey) : humanize(outcome);
}
