import type { TCase } from '../../shared/api/cases.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { labelIntake } from '../protocols/intake-format.ts';

type TIntakeCardProps = { item: TCase; schema: TIntakeSchema | null | undefined };

export function IntakeCard({ item, schema }: TIntakeCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const values = labelIntake(schema, item.intake, i18n);
  return (
    <section className="card card--intake" aria-labelledby="intake-title">
      <h2 className="card__title" id="intake-title">
        {t('case.intake')}
      </h2>
      {values.length > 0 ? (
        <dl className="facts facts--grid" data-testid="case-intake">
          {values.map((value) => (
            <div key={value.key} data-key={value.key}>
              <dt>{value.label}</dt>
              <dd>{value.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('case.noIntake')}</p>
      )}
      <h3 className="card__subtitle">{t('case.description')}</h3>
      {item.description.trim() ? (
        <p className="description">{item.description}</p>
      ) : (
        <p className="muted">{t('case.noDescription')}</p>
      )}
    </section>
  );
}
