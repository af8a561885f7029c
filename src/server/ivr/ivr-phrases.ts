import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TLanguage } from '../../shared/common.ts';

type TPhrase = Record<TLanguage, string>;

/** What the engine says when the flow leaves a prompt out; `{…}` are filled like flow prompts. */
export const ivrPhrases = {
  invalid: { es: 'Opción no válida.', ca: 'Opció no vàlida.', en: 'That is not a valid option.' },
  noInput: {
    es: 'No hemos recibido ninguna respuesta.',
    ca: 'No hem rebut cap resposta.',
    en: 'We did not receive a response.',
  },
  referenceInvalid: {
    es: 'La referencia no es correcta.',
    ca: 'La referència no és correcta.',
    en: 'That reference is not valid.',
  },
  notFound: {
    es: 'No encontramos ninguna avería con esa referencia.',
    ca: 'No trobem cap avaria amb aquesta referència.',
    en: 'We could not find a repair with that reference.',
  },
  status: {
    es: 'Su avería con referencia {reference} está {status}.',
    ca: 'La vostra avaria amb referència {reference} està {status}.',
    en: 'Your repair with reference {reference} is {status}.',
  },
  caseCreated: {
    es: 'Su avería ha quedado registrada con la referencia {reference}.',
    ca: 'La vostra avaria ha quedat registrada amb la referència {reference}.',
    en: 'Your repair has been registered with reference {reference}.',
  },
  caseDuplicate: {
    es: 'Ya tenemos abierta su avería con la referencia {reference}.',
    ca: 'Ja tenim oberta la vostra avaria amb la referència {reference}.',
    en: 'We already have your repair open with reference {reference}.',
  },
  repeatOffer: {
    es: 'Para repetir la referencia, pulse 1.',
    ca: 'Per repetir la referència, premeu 1.',
    en: 'To hear the reference again, press 1.',
  },
  caseFailed: {
    es: 'Lo sentimos, en este momento no hemos podido registrar su avería.',
    ca: 'Ho sentim, ara mateix no hem pogut registrar la vostra avaria.',
    en: 'Sorry, we could not register your repair right now.',
  },
  fallbackGoodbye: {
    es: 'Lo sentimos, no hemos podido atender su llamada. Adiós.',
    ca: 'Ho sentim, no hem pogut atendre la vostra trucada. Adéu.',
    en: 'Sorry, we could not help you this time. Goodbye.',
  },
  choiceOption: { es: 'Para {label}, pulse {digit}.', ca: 'Per a {label}, premeu {digit}.', en: 'For {label}, press {digit}.' },
  yesNo: {
    es: 'Si la respuesta es sí, pulse 1; si es no, pulse 2.',
    ca: 'Si la resposta és sí, premeu 1; si és no, premeu 2.',
    en: 'If yes, press 1; if no, press 2.',
  },
  numberEntry: {
    es: 'Marque el número y pulse la tecla almohadilla.',
    ca: 'Marqueu el número i premeu la tecla coixinet.',
    en: 'Enter the number followed by the hash key.',
  },
  dateEntry: {
    es: 'Marque la fecha: dos cifras para el día, dos para el mes y cuatro para el año.',
    ca: 'Marqueu la data: dues xifres per al dia, dues per al mes i quatre per a l’any.',
    en: 'Enter the date: two digits for the day, two for the month and four for the year.',
  },
  assetOption: {
    es: 'Para su {label} {brand}, pulse {digit}.',
    ca: 'Si truqueu per {label} {brand}, premeu {digit}.',
    en: 'For your {brand} {label}, press {digit}.',
  },
  otherAsset: {
    es: 'Para otro aparato, pulse {digit}.',
    ca: 'Per a un altre aparell, premeu {digit}.',
    en: 'For another appliance, press {digit}.',
  },
  kbSolvedQuestion: {
    es: 'Si esto ha resuelto el problema, pulse 1. Si no, pulse 2 y registraremos la avería.',
    ca: 'Si això ha resolt el problema, premeu 1. Si no, premeu 2 i registrarem l’avaria.',
    en: 'If this solved the problem, press 1. If not, press 2 and we will register the repair.',
  },
  kbAnswerOption: { es: 'Si {label}, pulse {digit}.', ca: 'Si {label}, premeu {digit}.', en: 'If {label}, press {digit}.' },
} satisfies Record<string, TPhrase>;

export type TIvrPhraseKey = keyof typeof ivrPhrases;

/** Case statuses in words, as the status line speaks them after "is …". */
export const statusWords: Record<TCaseStatus, TPhrase> = {
  new: {
    es: 'registrada y pendiente de asignar a un técnico',
    ca: 'registrada i pendent d’assignar a un tècnic',
    en: 'registered and waiting for a technician',
  },
  dispatched: {
    es: 'asignada a un técnico, pendiente de su confirmación',
    ca: 'assignada a un tècnic, pendent de la seva confirmació',
    en: 'assigned to a technician, waiting for confirmation',
  },
  accepted: { es: 'aceptada por el técnico', ca: 'acceptada pel tècnic', en: 'accepted by the technician' },
  en_route: {
    es: 'en curso: el técnico va de camino',
    ca: 'en curs: el tècnic és de camí',
    en: 'in progress: the technician is on the way',
  },
  on_site: {
    es: 'en curso: el técnico está en su domicilio',
    ca: 'en curs: el tècnic és al vostre domicili',
    en: 'in progress: the technician is at your address',
  },
  resolved: { es: 'resuelta', ca: 'resolta', en: 'resolved' },
  closed: { es: 'cerrada', ca: 'tancada', en: 'closed' },
  cancelled: { es: 'anulada', ca: 'anul·lada', en: 'cancelled' },
  reopened: { es: 'reabierta', ca: 'reoberta', en: 'reopened' },
};
