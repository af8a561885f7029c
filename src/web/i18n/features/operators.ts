import { defineMessages } from './define-messages.ts';

export const operatorsMessages = defineMessages({
  es: {},
  ca: {},
  en: {},
});
