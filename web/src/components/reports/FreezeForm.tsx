// Freezing a draft (the Secretariat), in two steps: the first button asks, the second freezes the version the
// page shows. The server then produces every format in both languages and stores them with the data's
// fingerprint; it refuses if another version was saved meanwhile (409) or the data is illustrative (422).
import { useId, useState } from 'react';
import { freezeReport, type ReportView } from '../../api-reports.ts';
import { useFormat } from '../../useFormat.ts';
import { FormShell, useForm } from '../useForm.tsx';
import { isStale, StaleNotice } from './common.tsx';

export function FreezeForm({ report, onChanged }: { report: ReportView; onChanged: () => void }) {
  const { t } = useFormat();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [stale, setStale] = useState<unknown>(null);
  const form = useForm({
    initial: {},
    fields: () => [],
    send: () => freezeReport(report.id, report.version),
    failed: (error) => setStale(isStale(error) ? error : null),
    done: () => onChanged(),
  });
  return (
    <section className="card form-card" aria-labelledby={`${id}-h`} data-testid="freeze">
      <h2 id={`${id}-h`}>{t('reports.freeze.heading')}</h2>
      <p>{t('reports.freeze.lead')}</p>
      {stale !== null && <StaleNotice error={stale} onReload={onChanged} />}
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} data-testid="freeze-start">
          {t('reports.freeze.start', { version: report.version })}
        </button>
      ) : (
        <FormShell
          form={form}
          submit={t('reports.freeze.confirm', { version: report.version })}
          working={t('reports.freeze.working')}
          testId="freeze-form"
          actions={
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('reports.freeze.cancel')}
            </button>
          }
        >
          <p role="status">{t('reports.freeze.question', { version: report.version })}</p>
        </FormShell>
      )}
    </section>
  );
}
