import type { TCase } from '../../shared/api/cases.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { groupReference } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { applianceLabel } from '../protocols/intake-format.ts';
import { Link } from '../router/link.tsx';
import { casePath } from '../router/routes.ts';
import { PriorityTag } from './priority-tag.tsx';
import { StatusBadge } from './status-badge.tsx';

type TCaseRowProps = { item: TCase; schema: TIntakeSchema | null | undefined };

/** The reference is the row's one link; CSS stretches it over the row so the whole row is clickable. */
export function CaseRow({ item, schema }: TCaseRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const phone = item.customer?.phones[0] ?? item.callerPhone;
  return (
    <tr className="case-row" data-testid="case-row" data-reference={item.reference}>
      <td className="case-row__reference">
        <Link to={casePath(item.reference)} className="case-row__link mono">
          {groupReference(item.reference)}
        </Link>
      </td>
      <td className="case-row__tenant">
        {item.tenantName}
      </td>
      <td className="case-row__customer">
        {item.customer ? (
          <span className="case-row__name">{item.customer.name}</span>
        ) : (
          <span className="case-row__name case-row__name--unknown">{t('cases.unknownCustomer')}</span>
        )}
        {phone ? <span className="case-row__phone muted">{phone}</span> : null}
      </td>
      <td className="case-row__appliance">
        {applianceLabel(schema, item.applianceType, item.intake, i18n)}
      </td>
      <td className="case-row__status">
        <StatusBadge status={item.status} />
      </td>
      <td className="case-row__priority">
        <PriorityTag priority={item.priority} />
      </td>
      <td className="case-row__created">
        <time dateTime={item.createdAt}>{i18n.formatDateTime(item.createdAt)}</time>
      </td>
    </tr>
  );
}
