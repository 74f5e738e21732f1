import type { Instrument, InstrumentStatus } from '../api.ts';
import { useFormat } from '../useFormat.ts';

interface Props {
  status: InstrumentStatus;
  instrument: Instrument | undefined;
}

/** Whether the instrument is in force on the chosen date, its date of entry into force and why. */
export function EntryIntoForce({ status, instrument }: Props) {
  const { t, computedDate, number, language } = useFormat();
  const { eif, instrumentInForce } = status;
  return (
    <section className="card eif" aria-labelledby="eif-heading">
      <h2 id="eif-heading">{t('eif.heading')}</h2>
      <p className={`badge badge-${instrumentInForce}`} data-testid="instrument-in-force">
        {t(`status.inForce.${instrumentInForce}`)}
      </p>
      {eif ? (
        <>
          <p className="eif-date">
            <span className="eif-date-label">{t('eif.date')}</span>{' '}
            <strong data-testid="eif-date">{computedDate(eif)}</strong>
          </p>
          <p className="explanation" lang="en" data-testid="eif-explanation">
            {eif.explanation}
          </p>
          {language !== 'en' && <p className="hint">{t('common.sourceLanguageNote')}</p>}
        </>
      ) : (
        instrument && <p>{t('eif.notReached', { threshold: number(instrument.threshold) })}</p>
      )}
      {instrument && (
        <p className="hint">
          {t('eif.rule', { days: number(instrument.eifDays), threshold: number(instrument.threshold) })}
        </p>
      )}
    </section>
  );
}
