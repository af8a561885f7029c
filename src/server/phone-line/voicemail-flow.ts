import { ZIvrFlow, type TIvrFlow } from '../../shared/ivr-flow.ts';

/** What a line whose protocol has no phone menu does: takes a message, so no call is lost. */
export const voicemailOnlyFlow: TIvrFlow = ZIvrFlow.parse({
  version: 1,
  start: 'message',
  nodes: {
    message: {
      type: 'record',
      prompt: {
        text: {
          es: 'Gracias por llamar. Deje su mensaje después de la señal y le llamaremos.',
          ca: 'Gràcies per trucar. Deixeu el vostre missatge després del senyal i us trucarem.',
          en: 'Thank you for calling. Please leave a message after the tone and we will call you back.',
        },
      },
      maxSeconds: 120,
      next: 'goodbye',
    },
    goodbye: { type: 'hangup', prompt: { text: { es: 'Gracias. Adiós.', ca: 'Gràcies. Adéu.', en: 'Thank you. Goodbye.' } } },
  },
});
