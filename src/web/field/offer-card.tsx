import type { TFieldOverview } from '../../shared/api/field.ts';
import { groupReference, humanize } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { PriorityTag } from '../cases/priority-tag.tsx';

type TOffer = TFieldOverview['offers'][number];

export function OfferCard({ offer, onAnswer }: { offer: TOffer; onAnswer: (accept: boolean) => void }) {
  const { t, language, label } = useI18n();
  const until = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(offer.expiresAt));
  return (
    <article className="card field-offer" data-testid={`offer-${offer.reference}`} aria-labelledby={`offer-${offer.id}`}>
      <h3 className="field-job__title" id={`offer-${offer.id}`}>
        {groupReference(offer.reference)} · {offer.tenantName}
      </h3>
      <p className="field-job__what">
        {label(offer.applianceLabels ?? undefined, humanize(offer.applianceType ?? 'other'))}
        {offer.brand ? ` · ${offer.brand}` : ''}
        {offer.priority === 'urgent' ? <> <PriorityTag priority="urgent" /></> : null}
      </p>
      <p className="description">{offer.description}</p>
      {offer.address ? <p className="muted">{offer.address}</p> : null}
      <p className="field-offer__expires">{t('field.expires', { time: until })}</p>
      <div className="button-row">
        <button type="button" className="button button--primary" data-testid="offer-accept" onClick={() => onAnswer(true)}>
          {t('field.accept')}
        </button>
        <button type="button" className="button" data-testid="offer-decline" onClick={() => onAnswer(false)}>
          {t('field.decline')}
        </button>
      </div>
    </article>
  );
}
