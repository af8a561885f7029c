import { z } from 'zod';
import {
  ZCompleteQueueCall, ZCompleteQueueCallResult, ZCreateQueue, ZMe, ZQueue, ZQueueBoard, ZScreenPop, ZSetAgentState, ZSipPassword,
  ZSupervisorOverview, ZTransferQueueCall, ZTransferTargets, ZUpdateOperator, ZUpdateQueue, ZWrapUp, ZAgentSkills,
} from '../../shared/api/operators.ts';
import { requirePermission } from '../auth/principal.ts';
import { notFound } from '../platform/errors.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { rotateSipPassword } from '../registrar/manage-sip-accounts.ts';
import { completeQueueCall, wrapUpQueueCall } from './complete-queue-call.ts';
import { createQueue, listQueues, updateOperator, updateQueue } from './manage-queues.ts';
import { visibleQueueCall, type OperatorDeps } from './operator-deps.ts';
import { getMe, getQueueBoard, getSupervisorOverview, operatorAgent } from './operator-views.ts';
import { streamOperatorEvents } from './operator-stream.ts';
import { createSharedBoard } from './shared-board.ts';
import { getScreenPop } from './screen-pop.ts';
import { listTransferTargets } from './transfer-targets.ts';

const ZDone = z.object({ queueCallId: z.string() });

export function registerOperatorRoutes(routes: RouteTable, deps: OperatorDeps, line: { sipPort?: number } = {}) {
  const sharedBoard = createSharedBoard(deps);
  const tag = 'operators';
  const callId = (params: Record<string, string>) => requireUuid(params.id, 'queue call');

  routes.route(
    { method: 'get', path: '/api/v1/operators/me', summary: 'The signed-in operator: presence, skills, SIP phone, current offer and call', tag, response: ZMe },
    async ({ principal, c }) => getMe(deps, principal, sipDomainOf(new URL(c.req.url).hostname, line.sipPort)),
  );
  routes.route(
    { method: 'post', path: '/api/v1/operators/me/state', summary: 'Set my presence: available, break or offline', tag, body: ZSetAgentState, status: 204 },
    async ({ principal, body }) => {
      const agent = await operatorAgent(deps, principal);
      await deps.acd.setAgentState(agent.userId, body);
    },
  );
  routes.route(
    { method: 'post', path: '/api/v1/operators/me/sip-password', summary: 'A new SIP password for my phone (shown once)', tag, response: ZSipPassword },
    async ({ principal }) => {
      const agent = await operatorAgent(deps, principal);
      const rotated = await rotateSipPassword(deps, agent.userId);
      if (!rotated) throw notFound('SIP account');
      return rotated;
    },
  );
  routes.route(
    { method: 'get', path: '/api/v1/operators/events', summary: 'Live events for the signed-in user (Server-Sent Events)', tag },
    async ({ principal, c }) => streamOperatorEvents(deps, sharedBoard, principal, c),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/operators/:userId', summary: "Set an operator's skills (tenants served, languages, level)", tag, body: ZUpdateOperator, response: ZAgentSkills },
    async ({ principal, params, body }) => updateOperator(deps, principal, requireUuid(params.userId, 'operator'), body),
  );

  routes.route(
    { method: 'get', path: '/api/v1/queue-board', summary: 'Calls waiting in the queues of my tenants, with what the IVR collected', tag, response: ZQueueBoard },
    async ({ principal }) => getQueueBoard(deps, principal),
  );
  routes.route(
    { method: 'get', path: '/api/v1/queue-calls/:id/screen-pop', summary: 'The screen pop of a queued call', tag, response: ZScreenPop },
    async ({ principal, params }) => getScreenPop(deps, principal, callId(params)),
  );
  routes.route(
    { method: 'post', path: '/api/v1/queue-calls/:id/complete', summary: "Complete the protocol form: create or update the call's case", tag, body: ZCompleteQueueCall, response: ZCompleteQueueCallResult },
    async ({ principal, params, body }) => completeQueueCall(deps, principal, callId(params), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/queue-calls/:id/wrap-up', summary: 'End wrap-up with a code and notes (notes go on the case timeline)', tag, body: ZWrapUp },
    async ({ principal, params, body }) => wrapUpQueueCall(deps, principal, callId(params), body),
  );

  const action = (name: string, summary: string, run: (userId: string, id: string) => Promise<unknown>) =>
    routes.route({ method: 'post', path: `/api/v1/queue-calls/:id/${name}`, summary, tag, status: 204 }, async ({ principal, params }) => {
      const id = callId(params);
      const agent = await operatorAgent(deps, principal);
      await visibleQueueCall(deps, principal, id, 'queue.answer');
      await run(agent.userId, id);
    });
  action('hold', 'Put the caller on hold (music)', (u, id) => deps.acd.hold(u, id));
  action('resume', 'Take the caller off hold', (u, id) => deps.acd.resume(u, id));
  action('hangup', 'Hang up the call (wrap-up follows)', (u, id) => deps.acd.hangup(u, id));
  action('transfer/cancel', 'Cancel an attended transfer and return to the caller', (u, id) => deps.acd.cancelTransfer(u, id));
  routes.route(
    { method: 'get', path: '/api/v1/queue-calls/:id/transfer-targets', summary: 'Operators serving the call’s tenant and its queues: where the call may go', tag, response: ZTransferTargets },
    async ({ principal, params }) => listTransferTargets(deps, principal, callId(params)),
  );
  routes.route(
    { method: 'post', path: '/api/v1/queue-calls/:id/transfer', summary: 'Transfer the caller, with everything collected, to an operator or a queue', tag, body: ZTransferQueueCall, response: ZDone },
    async ({ principal, params, body }) => {
      const id = callId(params);
      const agent = await operatorAgent(deps, principal);
      await visibleQueueCall(deps, principal, id, 'queue.answer');
      return deps.acd.transfer(agent.userId, id, body);
    },
  );
  routes.route(
    { method: 'post', path: '/api/v1/queue-calls/:id/transfer/complete', summary: 'Hand the caller to the consulted operator', tag, response: ZDone },
    async ({ principal, params }) => {
      const id = callId(params);
      const agent = await operatorAgent(deps, principal);
      await visibleQueueCall(deps, principal, id, 'queue.answer');
      return deps.acd.completeTransfer(agent.userId, id);
    },
  );

  routes.route(
    { method: 'get', path: '/api/v1/supervisor/overview', summary: 'Operators and queues with today’s figures (managers, administrators)', tag, response: ZSupervisorOverview },
    async ({ principal }) => getSupervisorOverview(deps, principal),
  );
  routes.route(
    { method: 'get', path: '/api/v1/queues', summary: 'Queues of my tenants', tag, response: z.object({ items: z.array(ZQueue) }) },
    async ({ principal }) => listQueues(deps, principal),
  );
  routes.route(
    { method: 'post', path: '/api/v1/queues', summary: 'Create a queue (the IVR transfer node names it)', tag, body: ZCreateQueue, response: ZQueue, status: 201 },
    async ({ principal, body }) => createQueue(deps, principal, body),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/queues/:id', summary: 'Change a queue', tag, body: ZUpdateQueue, response: ZQueue },
    async ({ principal, params, body }) => {
      requirePermission(principal, 'queue.manage');
      return updateQueue(deps, principal, requireUuid(params.id, 'queue'), body);
    },
  );
}

/** The registrar as a softphone wants it: the host the console was reached on, and the port unless it is 5060. */
export function sipDomainOf(host: string, sipPort: number | undefined): string {
  return sipPort && sipPort !== 5060 ? `${host}:${sipPort}` : host;
}
