import type { TWaitingAnnouncement } from '../acd/acd-telephony.ts';

/** Waits are spoken in whole minutes, rounded up; under one minute is "less than a minute". */
function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * What a waiting caller is told, in the caller's language, sentence by sentence: place, estimated
 * wait, the callback offer. Each sentence is synthesised and cached on its own, so a queue of two
 * hundred callers costs two hundred short sentences once, not one long text per place and wait.
 */
export function waitingAnnouncementSentences(announcement: TWaitingAnnouncement): string[] {
  const { position, estimatedWaitSeconds: wait, offerCallback } = announcement;
  switch (announcement.language) {
    case 'ca':
      return [
        position === 1 ? 'Sou el primer de la cua.' : `Sou el número ${position} de la cua.`,
        wait === undefined ? '' : wait < 60 ? 'Us atendrem en menys d’un minut.' : `El temps d’espera estimat és de ${minutes(wait)} ${minutes(wait) === 1 ? 'minut' : 'minuts'}.`,
        offerCallback ? 'Si preferiu que us truquem, premeu 1.' : '',
      ].filter(Boolean);
    case 'en':
      return [
        position === 1 ? 'You are first in the queue.' : `You are number ${position} in the queue.`,
        wait === undefined ? '' : wait < 60 ? 'We will be with you in less than a minute.' : `The estimated wait is ${minutes(wait)} ${minutes(wait) === 1 ? 'minute' : 'minutes'}.`,
        offerCallback ? 'To be called back instead, press 1.' : '',
      ].filter(Boolean);
    case 'es':
      return [
        position === 1 ? 'Es usted el primero en la cola.' : `Es usted el número ${position} en la cola.`,
        wait === undefined ? '' : wait < 60 ? 'Le atenderemos en menos de un minuto.' : `El tiempo de espera estimado es de ${minutes(wait)} ${minutes(wait) === 1 ? 'minuto' : 'minutos'}.`,
        offerCallback ? 'Si prefiere que le llamemos, pulse 1.' : '',
      ].filter(Boolean);
  }
}
