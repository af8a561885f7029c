import { useI18n } from '../i18n/i18n-context.ts';

const radius = 26;
const circumference = Math.PI * radius;

/** A half-circle gauge: green from the target up, amber below it, red under half the target. */
export function ServiceLevelGauge({ value, target = 0.8 }: { value: number | null; target?: number }) {
  const { t } = useI18n();
  const share = value === null ? 0 : Math.min(1, Math.max(0, value));
  const tone = value === null ? 'none' : share >= target ? 'good' : share >= target / 2 ? 'fair' : 'poor';
  const percent = value === null ? t('common.empty') : `${Math.round(share * 100)} %`;
  return (
    <figure className={`gauge gauge--${tone}`} data-testid="service-level" data-value={value ?? ''}>
      <svg viewBox="0 0 64 38" width="64" height="38" role="img" aria-label={`${t('supervisor.serviceLevel')}: ${value === null ? t('supervisor.noServiceLevel') : percent}`}>
        <path className="gauge__track" d="M6 32a26 26 0 0 1 52 0" fill="none" strokeWidth="7" strokeLinecap="round" />
        <path
          className="gauge__value"
          d="M6 32a26 26 0 0 1 52 0"
          fill="none"
          strokeWidth="7"
          strokeLinecap="round"
          strokeDasharray={`${share * circumference} ${circumference}`}
        />
      </svg>
      <figcaption className="gauge__label">{percent}</figcaption>
    </figure>
  );
}
