import type { TCase } from '../../shared/api/cases.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useIntakeSchemas } from '../protocols/protocol-context.ts';
import { CaseRow } from './case-row.tsx';

export function CasesTable({ items }: { items: readonly TCase[] }) {
  const { t } = useI18n();
  const schemas = useIntakeSchemas(items.map((item) => item.tenantId));
  return (
    <table className="cases-table" data-testid="cases-table">
      <caption className="visually-hidden">{t('cases.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.col.reference')}</th>
          <th scope="col">{t('cases.col.tenant')}</th>
          <th scope="col">{t('cases.col.customer')}</th>
          <th scope="col">{t('cases.col.appliance')}</th>
          <th scope="col">{t('cases.col.status')}</th>
          <th scope="col">{t('cases.col.priority')}</th>
          <th scope="col">{t('cases.col.created')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <CaseRow key={item.id} item={item} schema={schemas.get(item.tenantId)} />
        ))}
      </tbody>
    </table>
  );
}
