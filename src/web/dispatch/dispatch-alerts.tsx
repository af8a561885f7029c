import { listDispatchAlerts } from '../api/dispatch.ts';
import { useAsync } from '../common/use-async.ts';
import { usePolling } from '../common/use-polling.ts';
import { groupReference } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';
import { casePath } from '../router/routes.ts';
import { useApi } from '../session/session-context.ts';

/** The operators' alert: cases nobody accepted, until someone dispatches them again. */
export function DispatchAlerts() {
  const { t } = useI18n();
  const api = useApi();
  const alerts = useAsync((signal) => listDispatchAlerts(api, signal), [api]);
  usePolling(alerts.reload, 15_000);
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="notice notice--warning dispatch-alerts" role="alert" aria-labelledby="dispatch-alerts-title" data-testid="dispatch-alerts">
      <h2 className="notice__title" id="dispatch-alerts-title">{t('dispatch.alerts')}</h2>
      <ul>
        {items.map((a) => (
          <li key={a.dispatchId}>
            <Link to={casePath(a.reference)}>{t('dispatch.alertOpen', { reference: groupReference(a.reference) })}</Link> · {a.tenantName}
          </li>
        ))}
      </ul>
    </section>
  );
}
