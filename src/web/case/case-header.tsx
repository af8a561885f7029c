import type { TCase } from '../../shared/api/cases.ts';
import { groupReference } from '../common/format.ts';
import { Icon } from '../common/icons.tsx';
import { PriorityTag } from '../cases/priority-tag.tsx';
import { StatusBadge } from '../cases/status-badge.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { Link } from '../router/link.tsx';

export function CaseHeader({ item }: { item: TCase }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <header className="case-header">
      <Link to="/cases" className="back-link">
        <Icon name="chevronLeft" size={16} />
        {t('case.back')}
      </Link>
      <div className="case-header__title-row">
        <h1 className="case-header__title">
          <span className="visually-hidden">{t('case.reference')} </span>
          <span className="mono case-header__reference" data-testid="case-reference" data-reference={item.reference}>
            {groupReference(item.reference)}
          </span>
        </h1>
        <StatusBadge status={item.status} />
      </div>
      <dl className="case-header__meta">
        <div>
          <dt>{t('case.tenant')}</dt>
          <dd>{item.tenantName}</dd>
        </div>
        <div>
          <dt>{t('case.priority')}</dt>
          <dd>
            <PriorityTag priority={item.priority} />
          </dd>
        </div>
        <div>
          <dt>{t('case.channel')}</dt>
          <dd>{t(`channel.${item.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('case.created')}</dt>
          <dd>
            <time dateTime={item.createdAt}>{i18n.formatDateTime(item.createdAt)}</time>
          </dd>
        </div>
        {item.closedAt ? (
          <div>
            <dt>{t('case.closedAt')}</dt>
            <dd>
              <time dateTime={item.closedAt}>{i18n.formatDateTime(item.closedAt)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}
