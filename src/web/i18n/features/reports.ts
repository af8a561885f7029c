import { defineMessages } from './define-messages.ts';

export const reportsMessages = defineMessages({
  es: {},
  ca: {},
  en: {},
});
