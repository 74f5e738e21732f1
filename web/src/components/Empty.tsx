import { useTranslation } from 'react-i18next';

/** A dash for an empty cell, read out as a word rather than as punctuation. */
export function Empty() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true" className="empty">
        —
      </span>
      <span className="visually-hidden">{t('common.notApplicable')}</span>
    </>
  );
}
