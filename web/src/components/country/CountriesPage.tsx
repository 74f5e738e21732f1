// Every participant, to find a country page: search by name or code, grouped by nothing, sorted by name.
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { listParticipants } from '../../api.ts';
import { foldForSearch } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useCountryNames } from '../../useCountryNames.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { regionLabel, unGroupLabel } from '../dataLabels.ts';
import { Empty } from '../Empty.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

export function CountriesPage() {
  const { t, locale } = useFormat();
  useTitle(t('countries.title'));
  const id = useId();
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const [search, setSearch] = useState('');
  const needle = foldForSearch(useDeferredValue(search).trim());
  const countryName = useCountryNames();
  // Found by its name in the reader's language, its English name or its code; sorted in the reader's order.
  const shown = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return (participants.data ?? [])
      .map((p) => ({ ...p, shown: countryName(p.id, p.name) }))
      .filter((p) => !needle || foldForSearch(`${p.shown.text} ${p.name} ${p.id}`).includes(needle))
      .sort((a, b) => collator.compare(a.shown.text, b.shown.text));
  }, [participants.data, needle, locale, countryName]);
  return (
    <>
      <h1>{t('countries.title')}</h1>
      <p className="meta">{t('countries.lead')}</p>
      {participants.error !== undefined && (
        <ProblemAlert error={participants.error} onRetry={participants.reload} />
      )}
      <div className="field filter">
        <label htmlFor={`${id}-search`}>{t('countries.search')}</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <p className="summary" role="status">
        {participants.data ? t('countries.count', { count: shown.length }) : t('common.loading')}
      </p>
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="participants">
            <caption className="visually-hidden">{t('countries.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.columns.participant')}</th>
                <th scope="col">{t('table.columns.region')}</th>
                <th scope="col">{t('table.columns.unGroup')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/countries/${p.id}`} lang={p.shown.lang}>
                      {p.shown.text}
                    </Link>{' '}
                    <span className="code">{p.id}</span>
                  </th>
                  <td>{p.region ? regionLabel(t, p.region) : <Empty />}</td>
                  <td>{p.unGroup ? unGroupLabel(t, p.unGroup) : <Empty />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
