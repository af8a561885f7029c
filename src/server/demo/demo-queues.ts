import type { Services } from '../services.ts';

/**
 * The demo contract for the operators' queues: the tenant's `default` queue (named by the demo
 * flow's transfer node), Spanish, with a callback offer after a minute; the demo operator serves
 * the tenant in Spanish and Catalan; the greeting the operator reads when a call is put through.
 */
export async function seedDemoQueues(services: Services, tenantId: string, operatorUserId: string): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await services.queues.insertQueue(tx, {
      tenantId, name: 'default', language: 'es', requiredSkills: [], priority: 0, strategy: 'longest_idle', ringTimeoutSeconds: 20,
      wrapUpSeconds: 15, callbackAfterSeconds: 60, maxNoAnswers: 2, recordCalls: false, active: true,
    });
    await services.queues.saveSkills(tx, operatorUserId, { tenantIds: [tenantId], languages: ['es', 'ca'], level: 3 }, now);
    await services.queues.saveOperatorGreeting(tx, tenantId, {
      es: 'Reparaciones Martínez, buenos días, le atiende {operator}. ¿En qué puedo ayudarle?',
      ca: 'Reparaciones Martínez, bon dia, us atén {operator}. En què us puc ajudar?',
      en: 'Reparaciones Martínez, good morning, this is {operator}. How can I help you?',
    });
  });
}
