import { defineMessages } from './define-messages.ts';

export const dispatchMessages = defineMessages({
  es: {},
  ca: {},
  en: {},
});
