// A State's statements of record on the Convention and each Protocol, saying for each instrument which of
// three things is known: statements recorded here, a statement made whose text is not recorded here, or
// nothing recorded here (which is not "none made"); and which dispute-settlement clauses bind it towards
// another State, as far as is recorded here.
import { useId, useMemo, useState } from 'react';
import { listParticipants, type Instrument } from '../../api.ts';
import {
  depositaryUrl,
  getDisputeSettlement,
  getParticipantStatements,
  type DisputeSettlement,
} from '../../api-statements.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { Objections, TargetLine } from './StatementsSection.tsx';
import { ListedItem, StatementBody, StatementHead } from './StatementItem.tsx';

interface Props {
  participantId: string;
  name: string;
  instruments: Instrument[] | undefined;
  title: (instrumentId: string) => string;
}

export function CountryStatements({ participantId, name, instruments, title }: Props) {
  const { t } = useFormat();
  const id = useId();
  const data = useResource((signal) => getParticipantStatements(participantId, signal), [participantId]);
  const mtdsg = (instrumentId: string) => instruments?.find((i) => i.id === instrumentId)?.mtdsgNo ?? null;
  return (
    <section
      className="statements-section"
      aria-labelledby={`${id}-heading`}
      data-testid="country-statements"
    >
      <h2 id={`${id}-heading`}>{t('statements.heading')}</h2>
      <p className="hint">{t('statements.summaryNote')}</p>
      {data.error !== undefined && <ProblemAlert error={data.error} onRetry={data.reload} />}
      {data.data?.participantId === participantId &&
        data.data.instruments.map((i) => {
          const link = depositaryUrl(mtdsg(i.instrumentId));
          return (
            <section
              key={i.instrumentId}
              className="statement-group"
              aria-labelledby={`${id}-${i.instrumentId}`}
              data-instrument={i.instrumentId}
              data-knowledge={i.knowledge}
            >
              <h3 id={`${id}-${i.instrumentId}`}>
                <Link to={`/instruments/${i.instrumentId}`}>{title(i.instrumentId)}</Link>
              </h3>
              {i.knowledge === 'nothing_recorded' && (
                <p className="knowledge-none">
                  {t('statements.nothingRecordedLong')}{' '}
                  {link && (
                    <a href={link} rel="noreferrer">
                      {t('statements.depositaryLink', { instrument: title(i.instrumentId) })}
                    </a>
                  )}
                </p>
              )}
              {i.statements.length > 0 && (
                <ul className="statement-list">
                  {i.statements.map((s) => (
                    <li key={s.id} id={`statement-${s.id}`} data-statement={s.id} data-kind={s.kind}>
                      <StatementHead s={s} />
                      <TargetLine s={s} />
                      <StatementBody s={s} />
                      {s.objections.length > 0 && <Objections s={s} />}
                    </li>
                  ))}
                </ul>
              )}
              {i.listed.length > 0 && (
                <ul className="statement-list">
                  {i.listed.map((entry) => (
                    <li key={`${entry.listedAs}-${entry.source}`} className="knowledge-listed">
                      <ListedItem entry={entry} />
                      {link && (
                        <p>
                          <a href={link} rel="noreferrer">
                            {t('statements.depositaryLink', { instrument: title(i.instrumentId) })}
                          </a>
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      <DisputeSettlementTool participantId={participantId} name={name} title={title} />
    </section>
  );
}

/** Choose another State: which dispute-settlement clauses run between the two, today. */
function DisputeSettlementTool({
  participantId,
  name,
  title,
}: {
  participantId: string;
  name: string;
  title: (instrumentId: string) => string;
}) {
  const { t, locale, date } = useFormat();
  const id = useId();
  const [other, setOther] = useState('');
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const options = useMemo(
    () =>
      (participants.data ?? [])
        .filter((p) => p.id !== participantId)
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    [participants.data, participantId, locale],
  );
  const result = useResource(
    (signal) =>
      other
        ? getDisputeSettlement(participantId, other, signal)
        : Promise.resolve<DisputeSettlement | undefined>(undefined),
    [participantId, other],
  );
  const otherName = options.find((p) => p.id === other)?.name ?? other;
  return (
    <section
      className="dispute-settlement"
      aria-labelledby={`${id}-heading`}
      data-testid="dispute-settlement"
    >
      <h3 id={`${id}-heading`}>{t('statements.dispute.heading')}</h3>
      <p className="hint">{t('statements.dispute.lead')}</p>
      <div className="field">
        <label htmlFor={`${id}-with`}>{t('statements.dispute.with', { name })}</label>
        <select id={`${id}-with`} value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">{t('statements.dispute.choose')}</option>
          {options.map((p) => (
            <option key={p.id} value={p.id} lang="en">
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {result.error !== undefined && <ProblemAlert error={result.error} onRetry={result.reload} />}
      {result.data && result.data.otherId === other && (
        <div className="table-scroll" tabIndex={0} aria-labelledby={`${id}-caption`}>
          <table className="participants" data-testid="dispute-table">
            <caption id={`${id}-caption`}>
              {t('statements.dispute.caption', { name, other: otherName, date: date(result.data.asOf) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('controls.instrument')}</th>
                <th scope="col">{t('statements.dispute.clause')}</th>
                <th scope="col">{t('statements.dispute.obligation')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.obligations.map((o) => (
                <tr key={o.instrumentId} data-instrument={o.instrumentId} data-obligation={o.obligation}>
                  <th scope="row">{title(o.instrumentId)}</th>
                  <td>{t('record.articleShort', { article: o.clause })}</td>
                  <td>
                    {t(`statements.dispute.${o.obligation}`, {
                      who: o.optedOut.map((p) => (p === participantId ? name : otherName)).join(', '),
                    })}
                    {o.textNotRecorded.length > 0 && (
                      <>
                        {' '}
                        {t('statements.dispute.unrecorded', {
                          who: o.textNotRecorded
                            .map((p) => (p === participantId ? name : otherName))
                            .join(', '),
                        })}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
