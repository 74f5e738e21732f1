// The rates of exchange (/fund/rates, public): currency, month, rate (units of the currency for one US dollar)
// and source, illustrative (demo) rates flagged; a fund officer imports a CSV file of UN operational rates.
import { useId, useRef, useState } from 'react';
import { importRates, listRates } from '../../api-fund.ts';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Notice } from '../forms.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { IllustrativeTag } from './common.tsx';
import { FundNav } from './FundPage.tsx';
import { DataTable } from '../DataTable.tsx';

export function RatesPage() {
  const { t, date } = useFormat();
  useTitle(t('rates.title'));
  const id = useId();
  const auth = useAuth();
  const rates = useResource(listRates, []);
  const [query, setQuery] = useQuery();
  const currency = query.currency ?? '';
  const showDemo = query.demo === 'yes';
  const all = rates.data ?? [];
  const currencies = [...new Set(all.map((r) => r.currency))].sort();
  const shown = all
    .filter((r) => (!currency || r.currency === currency) && (showDemo || !r.illustrative))
    .sort((a, b) =>
      a.currency === b.currency ? b.month.localeCompare(a.month) : a.currency.localeCompare(b.currency),
    );
  const demoCount = all.filter((r) => r.illustrative).length;
  return (
    <>
      <h1>{t('rates.title')}</h1>
      <p className="meta">{t('rates.lead')}</p>
      <FundNav />
      {auth.can('fund.record') && (
        <>
          <p>
            <Link className="button-link" to="/fund/record?what=rate">
              {t('rates.recordOne')}
            </Link>
          </p>
          <RatesImport onImported={rates.reload} />
        </>
      )}
      <div className="filters" role="search" aria-label={t('rates.filters')}>
        <div className="field">
          <label htmlFor={`${id}-currency`}>{t('fundRecord.currency')}</label>
          <select
            id={`${id}-currency`}
            value={currency}
            onChange={(e) => setQuery({ currency: e.target.value || null })}
          >
            <option value="">{t('filters.all')}</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {demoCount > 0 && (
          <label className="choice">
            <input
              type="checkbox"
              checked={showDemo}
              onChange={(e) => setQuery({ demo: e.target.checked ? 'yes' : null })}
            />{' '}
            {t('rates.showIllustrative', { count: demoCount })}
          </label>
        )}
      </div>
      {rates.error !== undefined && <ProblemAlert error={rates.error} onRetry={rates.reload} />}
      {rates.data && (
        <DataTable
          testId="rates-table"
          caption={t('rates.caption', { count: shown.length })}
          rowHeader={{
            key: 'currency',
            label: t('fundRecord.currency'),
            cell: (r) => (
              <>
                {r.currency} {r.illustrative && <IllustrativeTag />}
              </>
            ),
          }}
          columns={[
            { key: 'month', label: t('rates.month'), cell: (r) => date(r.month) },
            {
              key: 'rate',
              label: t('rates.rate'),
              cell: (r) => (
                <span className="amount">{t('rates.rateValue', { rate: r.rate, currency: r.currency })}</span>
              ),
            },
            { key: 'source', label: t('rates.source'), lang: 'en', cell: (r) => r.source },
            { key: 'recordedAt', label: t('rates.recordedAt'), cell: (r) => date(r.recordedAt.slice(0, 10)) },
          ]}
          rows={shown}
          rowKey={(r) => `${r.currency}-${r.month}-${r.illustrative}`}
          rowData={(r) => ({ rate: `${r.currency}-${r.month}` })}
        />
      )}
    </>
  );
}

/** A CSV file of rates (currency,month,rate,source): all or nothing, every problem listed with its line. */
function RatesImport({ onImported }: { onImported: () => void }) {
  const { t } = useFormat();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Array<{ text: string; lang?: 'en' }>>([]);
  const [done, setDone] = useState<{ rows: number; recorded: number; alreadyPresent: number } | null>(null);
  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    setDone(null);
    if (!file) return setProblems([{ text: t('rates.chooseFile') }]);
    setBusy(true);
    setProblems([]);
    try {
      setDone(await importRates(await file.text()));
      onImported();
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) setProblems([{ text: t('problem.network') }]);
      else if (error instanceof ApiError)
        setProblems(
          error.problem.errors?.length
            ? error.problem.errors.map((e) => ({ text: `${e.field}: ${e.message}`, lang: 'en' as const }))
            : [{ text: error.problem.detail ?? error.problem.title, lang: 'en' }],
        );
      else setProblems([{ text: String(error) }]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card form-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('rates.importHeading')}</h2>
      <p className="hint">{t('rates.importLead')}</p>
      {done && (
        <Notice focusKey={`${done.rows}-${done.recorded}`} testId="import-outcome">
          {t('rates.imported', done)}
        </Notice>
      )}
      <div className={`field${problems.length ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-file`}>{t('rates.file')}</label>
        {problems.length > 0 && (
          <ul id={`${id}-error`} className="field-error" role="alert">
            {problems.map((p, i) => (
              <li key={i} lang={p.lang}>
                {p.text}
              </li>
            ))}
          </ul>
        )}
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          accept=".csv,text/csv"
          aria-invalid={problems.length ? true : undefined}
          aria-describedby={problems.length ? `${id}-error` : undefined}
        />
      </div>
      <div className="form-actions">
        <button type="submit" aria-disabled={busy || undefined}>
          {busy ? t('rates.importing') : t('rates.import')}
        </button>
      </div>
    </form>
  );
}
