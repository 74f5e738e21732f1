// A State's calendar of the notifications it owes the depositary (/countries/{id}/obligations): per instrument,
// each paragraph, when it falls due and whether it was made. Honest about what the registry does not know: a
// notification not recorded here may have been made, unless the Secretariat keeps the State complete (then
// "overdue since"). The State's focal point and the Secretariat (the server answers 404 to anyone else).
import { ApiError } from '../../api.ts';
import { getObligationCalendar, obligationsIcsUrl, type ObligationCalendar } from '../../api-obligations.ts';
import { Link } from '../../router.tsx';
import { useCountryNames } from '../../useCountryNames.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { RequireSignIn } from '../RequireSignIn.tsx';
import { TableScroll } from '../TableScroll.tsx';

type Obligation = ObligationCalendar['instruments'][number]['obligations'][number];

export function ObligationsPage({ participantId }: { participantId: string }) {
  return (
    <RequireSignIn permission="obligations.read">
      <Calendar participantId={participantId} />
    </RequireSignIn>
  );
}

function Calendar({ participantId }: { participantId: string }) {
  const { t, date, language } = useFormat();
  const countryName = useCountryNames();
  const res = useResource((signal) => getObligationCalendar(participantId, signal), [participantId]);
  const c = res.data;
  const name = c ? countryName(c.participantId, c.participantName) : null;
  useTitle(t('obligations.title', { name: name?.text ?? participantId }));

  const due = (o: Obligation): string =>
    o.dueOn
      ? date(o.dueOn)
      : o.timing === 'standing'
        ? t('obligations.due.standing')
        : c?.instruments.find((i) => i.instrumentId === o.instrumentId)?.consentOn
          ? t('obligations.due.unknown')
          : t('obligations.due.atDeposit');

  const status = (o: Obligation): string => {
    if (o.status === 'overdue' && o.overdueSince)
      return t('obligations.status.overdue', { date: date(o.overdueSince) });
    if (o.status === 'made')
      return o.madeBy?.date
        ? t('obligations.status.madeOn', {
            date: o.madeBy.date.length === 10 ? date(o.madeBy.date) : o.madeBy.date,
          })
        : t('obligations.status.made');
    return t(`obligations.status.${o.status}`);
  };

  return (
    <>
      <h1>
        {t('obligations.titleBefore')}
        {name ? <span lang={name.lang}>{name.text}</span> : participantId}
      </h1>
      <p className="lead">{t('obligations.lead')}</p>
      <p>
        <Link to={`/countries/${participantId}`}>{t('obligations.back')}</Link>
      </p>
      {res.error instanceof ApiError && res.error.status === 404 ? (
        <p className="problem">{t('obligations.missing')}</p>
      ) : res.error !== undefined ? (
        <ProblemAlert error={res.error} onRetry={res.reload} />
      ) : !c ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <p data-testid="completeness">
            {c.completeness.completeSince
              ? t('obligations.completeSince', { date: date(c.completeness.completeSince) })
              : t('obligations.notComplete')}
          </p>
          <p data-testid="obligation-counts">
            {t('obligations.counts', {
              made: c.counts.made,
              outstanding: c.counts.outstanding,
              notRecorded: c.counts.not_recorded,
              overdue: c.counts.overdue,
            })}
          </p>
          <p>
            <a href={obligationsIcsUrl(participantId)} data-testid="ics-link">
              {t('obligations.ics')}
            </a>
          </p>
          {c.instruments.length === 0 && <p>{t('obligations.none')}</p>}
          {c.instruments.map((i) => (
            <section key={i.instrumentId} aria-labelledby={`obl-${i.instrumentId}`}>
              <h2 id={`obl-${i.instrumentId}`}>
                {instrumentShortTitle(t, { id: i.instrumentId, shortTitle: i.instrumentId })}
              </h2>
              <p>
                {i.consentOn
                  ? t('obligations.deposited', {
                      date: i.consentOn.length === 10 ? date(i.consentOn) : i.consentOn,
                    })
                  : t('obligations.signedOnly')}
              </p>
              {i.obligations.length === 0 ? (
                <p>{t('obligations.noDuties')}</p>
              ) : (
                <TableScroll label={t('obligations.tableLabel', { instrument: i.instrumentId })}>
                  <table data-testid={`obligations-${i.instrumentId}`}>
                    <thead>
                      <tr>
                        <th scope="col">{t('obligations.columns.article')}</th>
                        <th scope="col">{t('obligations.columns.what')}</th>
                        <th scope="col">{t('obligations.columns.due')}</th>
                        <th scope="col">{t('obligations.columns.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {i.obligations.map((o) => (
                        <tr key={o.reference} data-status={o.status} data-testid="obligation-row">
                          <th scope="row">{t('obligations.article', { reference: o.reference })}</th>
                          <td lang={language === 'en' ? undefined : 'en'}>
                            {o.text}
                            {o.condition && <small className="muted"> ({o.condition})</small>}
                          </td>
                          <td>{due(o)}</td>
                          <td>{status(o)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              {i.unattributed.length > 0 && (
                <p>{t('obligations.unattributed', { count: i.unattributed.length })}</p>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
