import { useI18n } from '../i18n/i18n-context.ts';

/**
 * Where the knowledge panel goes: it is built with the knowledge base and will take the tenant
 * and the caller's phone. Until then the slot keeps its place in the layout.
 */
export function KnowledgeSlot({ tenantId, callerPhone }: { tenantId: string; callerPhone: string }) {
  const { t } = useI18n();
  return (
    <aside className="card knowledge-slot" aria-labelledby="knowledge-title" data-testid="knowledge-slot" data-tenant-id={tenantId} data-caller-phone={callerPhone}>
      <h2 className="card__title" id="knowledge-title">
        {t('console.knowledge.title')}
      </h2>
      <p className="muted">{t('console.knowledge.slot')}</p>
    </aside>
  );
}
