// The document title of a page ("Sign in — Palermo"), in the interface language; screen readers announce
// it, and it names the tab and the history entry.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('pages.titleSuffix', { title });
  }, [t, title]);
}
