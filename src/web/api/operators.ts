import { z } from 'zod';
import {
  ZCompleteQueueCallResult,
  ZMe,
  ZQueue,
  ZQueueBoard,
  ZScreenPop,
  ZSipPassword,
  ZSupervisorOverview,
  ZTransferTargets,
  type TCompleteQueueCall,
  type TMe,
  type TQueue,
  type TQueueBoard,
  type TScreenPop,
  type TSetAgentState,
  type TSupervisorOverview,
  type TTransferQueueCall,
  type TTransferTargets,
  type TWrapUp,
} from '../../shared/api/operators.ts';
import type { TApiClient } from './client.ts';

export type TOperatorMe = TMe;
export type TCompleteResult = z.infer<typeof ZCompleteQueueCallResult>;

export function getOperatorMe(api: TApiClient, signal?: AbortSignal): Promise<TOperatorMe> {
  return api.request('/operators/me', { schema: ZMe, signal });
}

export function setMyState(api: TApiClient, state: TSetAgentState['state']): Promise<unknown> {
  return api.request('/operators/me/state', { method: 'POST', body: { state } });
}

export async function createSipPassword(api: TApiClient): Promise<string> {
  const answer = await api.request('/operators/me/sip-password', { method: 'POST', schema: ZSipPassword });
  return answer.password;
}

export function getQueueBoard(api: TApiClient, signal?: AbortSignal): Promise<TQueueBoard> {
  return api.request('/queue-board', { schema: ZQueueBoard, signal });
}

function callPath(queueCallId: string, action: string): string {
  return `/queue-calls/${encodeURIComponent(queueCallId)}/${action}`;
}

export function getScreenPop(api: TApiClient, queueCallId: string, signal?: AbortSignal): Promise<TScreenPop> {
  return api.request(callPath(queueCallId, 'screen-pop'), { schema: ZScreenPop, signal });
}

export function completeQueueCall(api: TApiClient, queueCallId: string, body: TCompleteQueueCall): Promise<TCompleteResult> {
  return api.request(callPath(queueCallId, 'complete'), { method: 'POST', body, schema: ZCompleteQueueCallResult });
}

export type TCallAction = 'hold' | 'resume' | 'hangup' | 'transfer/complete' | 'transfer/cancel';

export function actOnCall(api: TApiClient, queueCallId: string, action: TCallAction): Promise<unknown> {
  return api.request(callPath(queueCallId, action), { method: 'POST' });
}

export function transferQueueCall(api: TApiClient, queueCallId: string, body: TTransferQueueCall): Promise<unknown> {
  return api.request(callPath(queueCallId, 'transfer'), { method: 'POST', body });
}

export function wrapUpQueueCall(api: TApiClient, queueCallId: string, body: TWrapUp): Promise<unknown> {
  return api.request(callPath(queueCallId, 'wrap-up'), { method: 'POST', body });
}

export function getTransferTargets(api: TApiClient, queueCallId: string, signal?: AbortSignal): Promise<TTransferTargets> {
  return api.request(callPath(queueCallId, 'transfer-targets'), { schema: ZTransferTargets, signal });
}

export function getSupervisorOverview(api: TApiClient, signal?: AbortSignal): Promise<TSupervisorOverview> {
  return api.request('/supervisor/overview', { schema: ZSupervisorOverview, signal });
}

const ZQueueList = z.object({ items: z.array(ZQueue) });

export async function listQueues(api: TApiClient, signal?: AbortSignal): Promise<TQueue[]> {
  const list = await api.request('/queues', { schema: ZQueueList, signal });
  return list.items;
}
