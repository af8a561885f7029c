import type { TLanguage } from '../../shared/common.ts';

/**
 * The words of the messages dispatch sends, in the tenant's language. Kept short: an offer SMS
 * must fit in two segments with its link.
 */
const texts = {
  es: {
    offerSubject: (ref: string) => `Nuevo aviso ${ref}`,
    offer: (v: TOfferText) =>
      `${v.tenant}: aviso ${v.ref}${v.urgent ? ' URGENTE' : ''} — ${v.what}${v.place ? `, ${v.place}` : ''}. ` +
      `Responde SI ${v.code} o NO ${v.code}, o abre ${v.link} (caduca ${v.until}).`,
    signInSubject: 'Tu enlace de acceso',
    signIn: (link: string) => `Centralita: entra en tu vista de técnico con este enlace (un solo uso, 15 minutos): ${link}`,
    escalatedSubject: (ref: string) => `Aviso ${ref} sin técnico`,
    escalated: (ref: string, why: string) => `Nadie ha aceptado el aviso ${ref}. ${why} Asígnalo a mano desde la centralita.`,
    replyAccepted: (ref: string) => `Aviso ${ref} aceptado. Gracias.`,
    replyDeclined: (ref: string) => `Aviso ${ref} rechazado.`,
    replyUnknown: 'No hay ningún aviso pendiente con ese código.',
  },
  ca: {
    offerSubject: (ref: string) => `Nou avís ${ref}`,
    offer: (v: TOfferText) =>
      `${v.tenant}: avís ${v.ref}${v.urgent ? ' URGENT' : ''} — ${v.what}${v.place ? `, ${v.place}` : ''}. ` +
      `Respon SI ${v.code} o NO ${v.code}, o obre ${v.link} (caduca ${v.until}).`,
    signInSubject: "El teu enllaç d'accés",
    signIn: (link: string) => `Centralita: entra a la teva vista de tècnic amb aquest enllaç (un sol ús, 15 minuts): ${link}`,
    escalatedSubject: (ref: string) => `Avís ${ref} sense tècnic`,
    escalated: (ref: string, why: string) => `Ningú no ha acceptat l'avís ${ref}. ${why} Assigna'l a mà des de la centraleta.`,
    replyAccepted: (ref: string) => `Avís ${ref} acceptat. Gràcies.`,
    replyDeclined: (ref: string) => `Avís ${ref} rebutjat.`,
    replyUnknown: 'No hi ha cap avís pendent amb aquest codi.',
  },
  en: {
    offerSubject: (ref: string) => `New job ${ref}`,
    offer: (v: TOfferText) =>
      `${v.tenant}: job ${v.ref}${v.urgent ? ' URGENT' : ''} — ${v.what}${v.place ? `, ${v.place}` : ''}. ` +
      `Reply YES ${v.code} or NO ${v.code}, or open ${v.link} (expires ${v.until}).`,
    signInSubject: 'Your sign-in link',
    signIn: (link: string) => `Centralita: open your technician view with this link (single use, 15 minutes): ${link}`,
    escalatedSubject: (ref: string) => `Job ${ref} has no technician`,
    escalated: (ref: string, why: string) => `Nobody accepted job ${ref}. ${why} Assign it by hand from the desk.`,
    replyAccepted: (ref: string) => `Job ${ref} accepted. Thank you.`,
    replyDeclined: (ref: string) => `Job ${ref} declined.`,
    replyUnknown: 'There is no pending job with that code.',
  },
} as const;

export type TOfferText = { tenant: string; ref: string; urgent: boolean; what: string; place: string; code: string; link: string; until: string };

export const dispatchTexts = (language: TLanguage) => texts[language];

/** A local clock time such as 22:35 for "expires at" in a message. */
export function localClockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
