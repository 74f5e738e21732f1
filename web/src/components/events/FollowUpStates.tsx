// State by State after an event whose attendance is known (the Secretariat's view: outside it, which States
// attended is withheld and the server sends no rows): where each State stood at the start, its signature and
// consent afterwards with the days after the event, and whether it asked for technical assistance.
import { useId } from 'react';
import type { AttendanceFollowUp, StateFollowUp } from '../../api-event-outcomes.ts';
import { useFormat } from '../../useFormat.ts';
import { TableScroll } from '../TableScroll.tsx';
import { instrumentNames } from './common.tsx';

type Observed = StateFollowUp['assistanceRequest'];

export function FollowUpStates({
  followUp: f,
  assistanceRequests,
  nameOf,
}: {
  followUp: AttendanceFollowUp;
  assistanceRequests: boolean;
  nameOf: (id: string) => string;
}) {
  const { t, date } = useFormat();
  const id = useId();
  const observed = (o: Observed) =>
    !o
      ? '—'
      : o.duringEvent
        ? t('followUp.states.during', { date: date(o.on) })
        : t(o.withinWindow ? 'followUp.states.on' : 'followUp.states.outside', {
            date: date(o.on),
            days: o.daysAfterEnd,
          });
  const groups = [
    { key: 'attendees', label: t('followUp.curves.attendees'), states: f.attendees },
    { key: 'comparison', label: t('followUp.curves.comparison'), states: f.comparison },
  ] as const;
  if (f.attendees.length + f.comparison.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="follow-up-states">
      <h2 id={`${id}-h`}>{t('followUp.states.heading')}</h2>
      <TableScroll label={t('followUp.states.caption')}>
        <table className="participants">
          <caption>{t('followUp.states.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followUp.states.state')}</th>
              <th scope="col">{t('followUp.states.group')}</th>
              <th scope="col">{t('followUp.states.instrument')}</th>
              <th scope="col">{t('followUp.states.before')}</th>
              <th scope="col">{t('followUp.states.signature')}</th>
              <th scope="col">{t('followUp.states.consent')}</th>
              {assistanceRequests && <th scope="col">{t('followUp.states.assistance')}</th>}
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((g) =>
              g.states.flatMap((s) =>
                s.instruments.map((i) => (
                  <tr key={`${g.key}-${s.participantId}-${i.instrumentId}`} data-state={s.participantId}>
                    <th scope="row" lang="en">
                      {nameOf(s.participantId)}
                    </th>
                    <td>{g.label}</td>
                    <td>{instrumentNames(t, [i.instrumentId])}</td>
                    <td>
                      {t(`followUp.states.standing.${i.standingBefore}`)}
                      {i.excludedBecause && (
                        <>
                          {' — '}
                          {t('followUp.states.excluded')} <span lang="en">{i.excludedBecause}</span>
                        </>
                      )}
                    </td>
                    <td>{observed(i.signature)}</td>
                    <td>
                      {i.consent && `${t(`actionKind.${i.consent.kind as 'ratification'}`)}, `}
                      {observed(i.consent)}
                    </td>
                    {assistanceRequests && <td>{observed(s.assistanceRequest)}</td>}
                  </tr>
                )),
              ),
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
