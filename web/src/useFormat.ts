// One hook for components that show dates and numbers: the translation function plus Intl formatting in
// the current interface language. Re-renders when the language changes.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComputedDate } from './api.ts';
import { formatComputedDate, formatDate, formatNumber } from './format.ts';
import { localeOf } from './i18n.ts';

export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(
    () => ({
      t,
      locale,
      language: i18n.resolvedLanguage ?? i18n.language,
      date: (text: string) => formatDate(text, locale),
      computedDate: (d: ComputedDate) => formatComputedDate(d, locale, t),
      number: (n: number) => formatNumber(n, locale),
    }),
    [t, locale, i18n.resolvedLanguage, i18n.language],
  );
}
