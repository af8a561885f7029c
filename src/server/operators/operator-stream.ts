import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TOperatorEvent } from '../../shared/api/operators.ts';
import { can, canSeeTenant, requirePermission, type Principal } from '../auth/principal.ts';
import type { HttpEnv } from '../platform/http/http-env.ts';
import type { OperatorDeps } from './operator-deps.ts';
import { activeCallOf, getSupervisorOverview } from './operator-views.ts';
import { buildScreenPop } from './screen-pop.ts';
import type { SharedBoard } from './shared-board.ts';

/** Board and supervisor snapshots are sent at most this often, however busy the queues are. */
const snapshotThrottleMs = 250;
const keepAliveMs = 25_000;

type Payload<T extends TOperatorEvent['type']> = Omit<Extract<TOperatorEvent, { type: T }>, 'type'>;

/**
 * The live stream of one signed-in user: their offers, calls and presence, and the board (and
 * the supervisor's view for managers) of the tenants they may see. In-process fan-out from the
 * event bus; each connection filters by its own principal.
 */
export function streamOperatorEvents(deps: OperatorDeps, board: SharedBoard, principal: Principal, c: Context<HttpEnv>): Response {
  requirePermission(principal, 'queue.read');
  const me = principal.kind === 'user' ? principal.id : undefined;
  const supervisor = can(principal, 'queue.supervise');
  const log = c.get('log');

  return streamSSE(c, async (stream) => {
    let writing: Promise<void> = Promise.resolve();
    const sendText = (type: TOperatorEvent['type'], text: string) => {
      writing = writing.then(() => stream.writeSSE({ event: type, data: text })).catch(() => undefined);
    };
    const send = <T extends TOperatorEvent['type']>(type: T, data: Payload<T>) => sendText(type, JSON.stringify(data));
    const fail = (error: unknown) => log.warn('live event not sent', { error });

    let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
    const snapshotSoon = () => {
      if (snapshotTimer) return;
      snapshotTimer = setTimeout(() => {
        snapshotTimer = undefined;
        sendText('board', board.json(principal));
        if (supervisor) getSupervisorOverview(deps, principal).then((overview) => send('supervisor', { overview }), fail);
      }, snapshotThrottleMs);
    };
    const sendCall = (type: 'call.connected' | 'call.held' | 'call.resumed', queueCallId: string) => {
      const call = deps.acd.state.calls.get(queueCallId);
      if (call) activeCallOf(deps, call).then((active) => active && send(type, { call: active }), fail);
    };

    const offs = [
      deps.events.on('queue_call.offered', (e) => {
        if (e.agentUserId !== me) return;
        deps.queues
          .findQueueCall(e.queueCallId)
          .then((row) => row && buildScreenPop(deps, row, principal.name))
          .then((offer) => offer && send('offer', { offer, ringTimeoutSeconds: e.ringTimeoutSeconds }), fail);
      }),
      deps.events.on('queue_call.offer_withdrawn', (e) => {
        if (e.agentUserId === me) send('offer.withdrawn', { queueCallId: e.queueCallId, reason: e.reason });
      }),
      deps.events.on('queue_call.connected', (e) => e.agentUserId === me && sendCall('call.connected', e.queueCallId)),
      deps.events.on('queue_call.held', (e) => e.agentUserId === me && sendCall('call.held', e.queueCallId)),
      deps.events.on('queue_call.resumed', (e) => e.agentUserId === me && sendCall('call.resumed', e.queueCallId)),
      deps.events.on('queue_call.ended', (e) => {
        if (e.agentUserId === me) send('call.ended', { queueCallId: e.queueCallId, by: e.by, ...(e.wrapUpUntil ? { wrapUpUntil: e.wrapUpUntil } : {}) });
      }),
      deps.events.on('agent.state_changed', (e) => {
        if (e.userId === me) send('agent.state', e);
        if (supervisor) snapshotSoon();
      }),
      deps.events.on('queue.changed', (e) => {
        if (canSeeTenant(principal, e.tenantId)) snapshotSoon();
      }),
    ];
    const keepAlive = setInterval(() => {
      writing = writing.then(() => stream.write(': keep-alive\n\n')).then(() => undefined, () => undefined);
    }, keepAliveMs);
    snapshotSoon();
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(keepAlive);
    clearTimeout(snapshotTimer);
    for (const off of offs) off();
  });
}
