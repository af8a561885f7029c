import { defineMessages } from './define-messages.ts';

export const knowledgeMessages = defineMessages({
  es: {},
  ca: {},
  en: {},
});
