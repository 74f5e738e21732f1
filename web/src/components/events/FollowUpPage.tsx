// What happened after one event (/events/{id}/follow-up, as public as the event): attending States against
// those that stayed away, or — where attendance is not recorded, as for the events of 2000-2004 — the target
// region's consents before and after. The wording says "after", never "because of", and names the comparison
// shown; what is withheld from this view is said plainly. Each chart comes with its table.
import { useId } from 'react';
import {
  getEventFollowUp,
  type AttendanceFollowUp,
  type EventFollowUp,
  type RegionFollowUp,
} from '../../api-event-outcomes.ts';
import { getEvent } from '../../api-events.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventsNav, instrumentNames, useParticipantList } from './common.tsx';
import { FollowUpCurves } from './FollowUpCurves.tsx';
import { FollowUpRegion } from './FollowUpRegion.tsx';
import { FollowUpStates } from './FollowUpStates.tsx';
import { FollowUpNotes } from './FollowUpNotes.tsx';

export function FollowUpPage({ eventId }: { eventId: number }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const event = useResource((signal) => getEvent(eventId, signal), [eventId, auth.user?.id]);
  const view = useResource((signal) => getEventFollowUp(eventId, {}, signal), [eventId, auth.user?.id]);
  const { nameOf } = useParticipantList();
  const v = view.data;
  // Outside the Secretariat the server empties the curves of groups too small to show: no figures then.
  const curvesWithheld =
    v?.followUp.mode === 'attendance' &&
    v.withheld !== null &&
    v.followUp.curves.attendees.all.atRiskAtStart + v.followUp.curves.comparison.all.atRiskAtStart === 0;
  return (
    <PageFrame title={t('followUp.title')} nav={<EventsNav />}>
      {event.data && (
        <p className="as-of-lead">
          {t('followUp.eventLine')}
          <Link to={`/events/${eventId}`} lang="en" data-testid="follow-up-event">
            {event.data.title}
          </Link>
        </p>
      )}
      {view.error !== undefined && <ProblemAlert error={view.error} onRetry={view.reload} />}
      {!v && view.error === undefined && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {v && (
        <div data-testid="event-follow-up" data-mode={v.followUp.mode}>
          <p>{t('followUp.lead', { date: date(v.asOf) })}</p>
          <p>
            {t(
              v.followUp.instrumentsFrom === 'agenda'
                ? 'followUp.instrumentsFrom.agenda'
                : 'followUp.instrumentsFrom.all',
              { list: instrumentNames(t, v.followUp.instruments) },
            )}
          </p>
          {v.followUp.mode === 'region' ? (
            <Region view={v} followUp={v.followUp} nameOf={nameOf} />
          ) : (
            <Attendance view={v} followUp={v.followUp} nameOf={nameOf} curvesWithheld={curvesWithheld} />
          )}
          <FollowUpNotes
            withheld={v.withheld}
            curvesWithheld={curvesWithheld}
            attendance={v.followUp.mode === 'attendance'}
            assistanceRequests={v.assistanceRequests}
          />
          <p>
            <Link to={`/events/follow-up?kind=${v.followUp.kind}`}>{t('followUp.kindLink')}</Link>
          </p>
        </div>
      )}
    </PageFrame>
  );
}

function Region({
  view,
  followUp: f,
  nameOf,
}: {
  view: EventFollowUp;
  followUp: RegionFollowUp;
  nameOf: (id: string) => string;
}) {
  const { t, date } = useFormat();
  const id = useId();
  const period = (p: RegionFollowUp['periods']['before']) =>
    p.from && p.to
      ? t(p.cutAtAsOf ? 'followUp.region.cut' : 'followUp.region.period', {
          from: date(p.from),
          to: date(p.to),
        })
      : t('followUp.region.noPeriod');
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('followUp.region.heading')}</h2>
      <p data-testid="follow-up-shown">
        {t('followUp.region.shown', { count: f.targetStates, months: view.monthsAround })}
      </p>
      <p data-testid="follow-up-periods">
        {t('followUp.region.periods', {
          before: period(f.periods.before),
          during: period(f.periods.during),
          after: period(f.periods.after),
        })}
      </p>
      <FollowUpRegion
        rows={f.byInstrument.map((i) => ({
          instrumentId: i.instrumentId,
          before: i.before.length,
          during: i.during.length,
          after: i.after.length,
          states: { before: i.before, during: i.during, after: i.after },
        }))}
        caption={t('followUp.region.caption')}
        nameOf={nameOf}
      />
    </section>
  );
}

function Attendance({
  view,
  followUp: f,
  nameOf,
  curvesWithheld,
}: {
  view: EventFollowUp;
  followUp: AttendanceFollowUp;
  nameOf: (id: string) => string;
  curvesWithheld: boolean;
}) {
  const { t, date } = useFormat();
  return (
    <>
      <FollowUpCurves
        curves={f.curves}
        withheld={curvesWithheld}
        lastDay={f.observedDays}
        windowDays={view.windowDays}
        comparison={t(
          f.comparisonFrom === 'invited'
            ? 'followUp.curves.comparisonInvited'
            : 'followUp.curves.comparisonTargets',
        )}
      />
      <p>
        {t('followUp.curves.observed', {
          date: date(f.observedUntil),
          days: f.observedDays,
          by: t(f.censoredBy === 'window' ? 'followUp.curves.cutWindow' : 'followUp.curves.cutAsOf'),
        })}
      </p>
      <FollowUpStates followUp={f} assistanceRequests={view.assistanceRequests} nameOf={nameOf} />
    </>
  );
}

/** The event page's way here: for an event that was held (a cancelled one has nothing to follow up). */
export function FollowUpLink({ event }: { event: { id: number; status: string } }) {
  const { t } = useFormat();
  if (event.status !== 'held' && event.status !== 'report_published') return null;
  return (
    <p>
      <Link to={`/events/${event.id}/follow-up`} data-testid="follow-up-link">
        {t('followUp.link')}
      </Link>
    </p>
  );
}
