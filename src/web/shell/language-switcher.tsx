import { useId } from 'react';
import { languages } from '../../shared/common.ts';
import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { isLanguage } from '../i18n/language-preference.ts';

export function LanguageSwitcher() {
  const { language, setLanguage, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <Icon name="globe" size={16} />
      <select
        id={id}
        className="language-switcher__select"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
