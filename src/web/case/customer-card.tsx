import type { TCase } from '../../shared/api/cases.ts';
import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';

export function CustomerCard({ item }: { item: TCase }) {
  const { t } = useI18n();
  const { customer, callerPhone } = item;
  const showCaller = callerPhone && !customer?.phones.includes(callerPhone);
  return (
    <section className="card card--customer" aria-labelledby="customer-title">
      <h2 className="card__title" id="customer-title">
        {t('case.customer')}
      </h2>
      {customer ? <p className="customer__name">{customer.name}</p> : <p className="muted">{t('case.noCustomer')}</p>}
      <dl className="facts">
        {customer && customer.phones.length > 0 ? (
          <div>
            <dt>{t('case.phones')}</dt>
            <dd>
              <ul className="phone-list">
                {customer.phones.map((phone) => (
                  <li key={phone}>
                    <Icon name="phone" size={14} />
                    <a href={`tel:${phone}`}>{phone}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {showCaller ? (
          <div>
            <dt>{t('case.callerPhone')}</dt>
            <dd>
              <a href={`tel:${callerPhone}`}>{callerPhone}</a>
            </dd>
          </div>
        ) : null}
        {customer?.email ? (
          <div>
            <dt>{t('case.email')}</dt>
            <dd>
              <a href={`mailto:${customer.email}`}>{customer.email}</a>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
