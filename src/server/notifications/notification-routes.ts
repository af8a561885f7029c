import { ZNotificationDetail, ZNotificationPage, ZNotificationQuery } from '../../shared/api/notifications.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { getNotification, listNotifications, type NotificationQueryDeps } from './query-notifications.ts';

export function registerNotificationRoutes(routes: RouteTable, deps: NotificationQueryDeps) {
  const tag = 'notifications';
  routes.route(
    {
      method: 'get', path: '/api/v1/notifications', tag, query: ZNotificationQuery, response: ZNotificationPage,
      summary: 'Notifications, newest first: what was sent, or kept in the development outbox (filter by tenant, case, status)',
    },
    async ({ principal, c }) => listNotifications(deps, principal, c.req.query()),
  );
  routes.route(
    { method: 'get', path: '/api/v1/notifications/:id', summary: 'One notification with its delivery history', tag, response: ZNotificationDetail },
    async ({ principal, params }) => getNotification(deps, principal, params.id ?? ''),
  );
}
