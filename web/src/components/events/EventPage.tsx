// One event (/events/{id}, public for public events): what it is, when and where, who hosts it and whom it
// is for, its agenda, languages, provenance for the reference events of 2000-2004, and every version with
// who changed it, when and why. The Secretariat also finds here the way to correct it, to move it along
// its life cycle and to its invitations.
import { useId } from 'react';
import { eventCalendarUrl, getEvent, listRevisions, type EventView } from '../../api-events.ts';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Empty } from '../Empty.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventFunding } from './EventFunding.tsx';
import { EventHistory } from './EventHistory.tsx';
import { EventFacts, EventStatusBadge, EventsNav, instrumentNames, targetText } from './common.tsx';
import { EventDelegations, RegisterLink } from './EventDelegations.tsx';
import { sourceParts } from './model.ts';
import { StatusForm } from './StatusForm.tsx';
import { FollowUpLink } from './FollowUpPage.tsx';
import { EventOutcomes } from './EventOutcomes.tsx';

export function EventPage({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  const auth = useAuth();
  const event = useResource((signal) => getEvent(eventId, signal), [eventId, auth.user?.id]);
  const revisions = useResource((signal) => listRevisions(eventId, signal), [eventId, auth.user?.id]);
  const e = event.data;
  const reload = () => {
    event.reload();
    revisions.reload();
  };
  return (
    <PageFrame
      title={e?.title ?? t('events.event.title', { id: eventId })}
      titleLang={e ? 'en' : undefined}
      nav={<EventsNav />}
    >
      {event.error instanceof ApiError && event.error.status === 404 ? (
        <div className="problem" data-testid="event-unavailable">
          <p className="problem-heading">{t('events.event.unavailableHeading')}</p>
          <p>{t('events.event.unavailable')}</p>
        </div>
      ) : event.error !== undefined ? (
        <ProblemAlert error={event.error} onRetry={event.reload} />
      ) : !e ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <div data-testid="event">
          <p className="as-of-lead">
            <EventStatusBadge status={e.status} /> {t(`events.kind.${e.kind}`)}
          </p>
          {e.statusReason && (
            <p data-testid="status-reason">
              {t('events.event.statusReason')} <span lang="en">{e.statusReason}</span>
            </p>
          )}
          <p>
            <a href={eventCalendarUrl(e.id)} download data-testid="event-ics">
              {t('events.event.ics')}
            </a>
          </p>
          {auth.can('events.manage') && (
            <p className="record-links">
              <Link className="button-link" to={`/events/${e.id}/correct`}>
                {t('events.event.correct')}
              </Link>{' '}
              <Link className="button-link" to={`/events/${e.id}/invitations`}>
                {t('events.event.invitations', { count: e.invitations })}
              </Link>
            </p>
          )}
          {!auth.can('events.manage') && auth.can('invitations.read') && (
            <p>
              <Link to={`/events/${e.id}/invitations`}>{t('events.event.ownInvitations')}</Link>
            </p>
          )}
          <FollowUpLink event={e} />
          <RegisterLink event={e} />
          <Details event={e} />
          <Targets event={e} />
          <Agenda event={e} />
          <EventDelegations event={e} />
          <EventFunding event={e} />
          <EventOutcomes event={e} />
          {e.provenance && <Provenance provenance={e.provenance} />}
          {e.nextStatuses.length > 0 && <StatusForm event={e} onChanged={reload} />}
          {revisions.error !== undefined && (
            <ProblemAlert error={revisions.error} onRetry={revisions.reload} />
          )}
          {revisions.data && <EventHistory revisions={revisions.data} />}
        </div>
      )}
    </PageFrame>
  );
}

function Details({ event: e }: { event: EventView }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const yesNo = (b: boolean) => (b ? t('country.yes') : t('country.no'));
  return (
    <dl className="details card" data-testid="event-details">
      <EventFacts event={e} all />
      <div>
        <dt>{t('events.fields.coOrganisers')}</dt>
        <dd lang="en">{e.coOrganisers.length ? e.coOrganisers.join(', ') : <Empty />}</dd>
      </div>
      <div>
        <dt>{t('events.fields.languages')}</dt>
        <dd>
          {e.languages.length ? e.languages.map((l) => t(`events.languages.${l}`)).join(', ') : <Empty />}
        </dd>
      </div>
      <div>
        <dt>{t('events.fields.interpretation')}</dt>
        <dd>{yesNo(e.interpretation)}</dd>
      </div>
      <div>
        <dt>{t('events.fields.registrationDeadline')}</dt>
        <dd>{e.registrationDeadline ? date(e.registrationDeadline) : <Empty />}</dd>
      </div>
      {auth.can('events.manage') && (
        <div>
          <dt>{t('events.fields.public')}</dt>
          <dd>{yesNo(e.public)}</dd>
        </div>
      )}
      <div>
        <dt>{t('events.fields.description')}</dt>
        <dd lang="en" className="event-description">
          {e.description || <Empty />}
        </dd>
      </div>
    </dl>
  );
}

/** Whom the event is for, as named, and the States that names on its first day (folded: up to 193). */
function Targets({ event: e }: { event: EventView }) {
  const { t } = useFormat();
  const id = useId();
  const nameOf = (s: string) => e.targetStates.find((x) => x.id === s)?.name ?? s;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="event-targets">
      <h2 id={`${id}-h`}>{t('events.event.targetsHeading')}</h2>
      {e.targets.length === 0 ? (
        <p>{t('events.event.noTargets')}</p>
      ) : (
        <>
          <ul>
            {e.targets.map((target) => (
              <li key={`${target.kind}:${target.value}`}>{targetText(t, target, nameOf)}</li>
            ))}
          </ul>
          <details>
            <summary>{t('events.event.targetStates', { count: e.targetStates.length })}</summary>
            <ul className="target-states" data-testid="target-states">
              {e.targetStates.map((s) => (
                <li key={s.id}>
                  <Link to={`/countries/${s.id}`} lang="en">
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

function Agenda({ event: e }: { event: EventView }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} data-testid="event-agenda">
      <h2 id={`${id}-h`}>{t('events.event.agendaHeading')}</h2>
      {e.agenda.length === 0 ? (
        <p>{t('events.event.noAgenda')}</p>
      ) : (
        <ol>
          {e.agenda.map((item, i) => (
            <li key={i}>
              <span lang="en">{item.title}</span>
              {item.instrumentId && (
                <>
                  {' — '}
                  {instrumentNames(t, [item.instrumentId])}
                  {item.articles.length > 0 &&
                    `, ${t('events.event.articles', { list: item.articles.join(', '), count: item.articles.length })}`}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Provenance({ provenance: p }: { provenance: NonNullable<EventView['provenance']> }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="event-provenance">
      <h2 id={`${id}-h`}>{t('events.event.provenanceHeading')}</h2>
      <p>{t('events.event.provenanceLead')}</p>
      <dl className="details">
        <div>
          <dt>{t('events.event.source')}</dt>
          <dd>
            <ul className="plain-list">
              {sourceParts(p.source).map((s) => (
                <li key={s.text}>
                  {s.url ? (
                    <a href={s.url} rel="noopener noreferrer external" data-testid="source-link">
                      {s.url}
                    </a>
                  ) : (
                    <span lang="en">{s.text}</span>
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {p.note && (
          <div>
            <dt>{t('events.event.sourceNote')}</dt>
            <dd lang="en">{p.note}</dd>
          </div>
        )}
        {p.participants && (
          <div>
            <dt>{t('events.event.participants')}</dt>
            <dd lang="en" data-testid="participants-note">
              {p.participants}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
