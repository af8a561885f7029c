import { useMemo } from 'react';
import { intlLocales } from '../i18n/dictionaries.ts';
import { useI18n } from '../i18n/i18n-context.ts';

/** Numbers, shares, durations and money in the reader's language; missing figures as a dash. */
export function useReportFormat() {
  const { language, t } = useI18n();
  return useMemo(() => {
    const locale = intlLocales[language];
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const none = t('reports.none');
    const duration = (seconds: number) => {
      if (seconds < 120) return `${number.format(seconds)} s`;
      if (seconds < 7200) return `${number.format(seconds / 60)} min`;
      return `${number.format(seconds / 3600)} h`;
    };
    return {
      number: (value: number | null) => (value === null ? none : number.format(value)),
      percent: (value: number | null) => (value === null ? none : percent.format(value)),
      duration: (value: number | null) => (value === null ? none : duration(value)),
      money: (value: number | null, currency: string) =>
        value === null ? none : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value),
    };
  }, [language, t]);
}
