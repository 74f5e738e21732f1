// One hook for components that show dates and numbers: the translation function plus Intl formatting in
// the current interface language. Re-renders when the language changes.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComputedDate } from './api.ts';
import { formatComputedDate, formatDate, formatNumber, isolated } from './format.ts';
import { localeOf } from './i18n.ts';

export function useFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const locale = localeOf(language);
  const rtl = i18n.dir(language) === 'rtl';
  return useMemo(() => {
    // Dates and numbers isolated in right-to-left text (format.ts, isolated).
    const isolate = (text: string) => isolated(text, rtl);
    return {
      t,
      locale,
      language,
      rtl,
      isolate,
      date: (text: string) => isolate(formatDate(text, locale)),
      computedDate: (d: ComputedDate) => isolate(formatComputedDate(d, locale, t)),
      number: (n: number) => isolate(formatNumber(n, locale)),
    };
  }, [t, locale, language, rtl]);
}
