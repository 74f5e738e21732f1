// The events calendar (/events, public): conferences, seminars and sessions, upcoming by month and past by
// year, filtered by kind, status and period (in the address, so a link keeps the view). Signed in, the
// server adds the events the account may see (all of them for the Secretariat).
import { useId } from 'react';
import {
  CALENDAR_FEED_URL,
  CALENDAR_LIMIT,
  EVENT_KINDS,
  EVENT_STATUSES,
  listEvents,
  type EventSummary,
} from '../../api-events.ts';
import { useAuth } from '../../auth.tsx';
import { looksLikeIsoDate, todayIso } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventFacts, EventStatusBadge, EventsNav } from './common.tsx';
import { groupEvents, type EventGroup } from './model.ts';

export function EventsPage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('events.calendar.title')} nav={<EventsNav />}>
      <Calendar />
    </PageFrame>
  );
}

function Calendar() {
  const { t, number } = useFormat();
  const auth = useAuth();
  const [query, setQuery] = useQuery();
  const filter = {
    kind: query.kind ?? null,
    status: query.status ?? null,
    from: query.from && looksLikeIsoDate(query.from) ? query.from : null,
    to: query.to && looksLikeIsoDate(query.to) ? query.to : null,
  };
  const events = useResource(
    (signal) => listEvents(filter, signal),
    [filter.kind, filter.status, filter.from, filter.to, auth.user?.id],
  );
  const groups = events.data ? groupEvents(events.data.events, todayIso()) : null;
  return (
    <>
      <p className="meta">{t('events.calendar.lead')}</p>
      <p>
        <a href={CALENDAR_FEED_URL} data-testid="events-feed">
          {t('events.calendar.feed')}
        </a>
      </p>
      <Filters query={query} setQuery={setQuery} />
      {events.error !== undefined && <ProblemAlert error={events.error} onRetry={events.reload} />}
      {events.data && (
        <p role="status" data-testid="events-count">
          {events.data.total > events.data.events.length
            ? t('events.calendar.partial', {
                shown: number(events.data.events.length),
                total: number(events.data.total),
                limit: CALENDAR_LIMIT,
              })
            : t('events.calendar.count', { count: events.data.total })}
        </p>
      )}
      {groups && (
        <>
          <Section
            heading={t('events.calendar.upcoming')}
            groups={groups.upcoming}
            by="month"
            testId="upcoming"
          />
          <Section heading={t('events.calendar.past')} groups={groups.past} by="year" testId="past" />
        </>
      )}
    </>
  );
}

function Filters({
  query,
  setQuery,
}: {
  query: Record<string, string>;
  setQuery: (patch: Record<string, string | null>) => void;
}) {
  const { t } = useFormat();
  const id = useId();
  const anySet = ['kind', 'status', 'from', 'to'].some((k) => query[k]);
  return (
    <div className="filters event-filters" role="search" aria-label={t('events.calendar.filters')}>
      <Filter
        id={`${id}-kind`}
        label={t('events.fields.kind')}
        value={query.kind}
        onChange={(kind) => setQuery({ kind })}
        options={EVENT_KINDS.map((k) => [k, t(`events.kind.${k}`)])}
      />
      <Filter
        id={`${id}-status`}
        label={t('events.fields.status')}
        value={query.status}
        onChange={(status) => setQuery({ status })}
        options={EVENT_STATUSES.map((k) => [k, t(`events.status.${k}`)])}
      />
      <Filter
        id={`${id}-from`}
        label={t('events.calendar.from')}
        value={query.from}
        onChange={(from) => setQuery({ from })}
      />
      <Filter
        id={`${id}-to`}
        label={t('events.calendar.to')}
        value={query.to}
        onChange={(to) => setQuery({ to })}
      />
      {anySet && (
        <button
          type="button"
          className="secondary clear-filters"
          onClick={() => setQuery({ kind: null, status: null, from: null, to: null })}
        >
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

/** One filter: a choice among `options` (or all), or without options a date (ignored until complete). */
function Filter({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | null) => void;
  options?: ReadonlyArray<[string, string]>;
}) {
  const { t } = useFormat();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {options ? (
        <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('filters.all')}</option>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="date"
          value={value ?? ''}
          onChange={(e) => onChange(looksLikeIsoDate(e.target.value) ? e.target.value : null)}
        />
      )}
    </div>
  );
}

/** Upcoming or past events: a heading per month or year, and a list of events under it. */
function Section({
  heading,
  groups,
  by,
  testId,
}: {
  heading: string;
  groups: EventGroup[];
  by: 'month' | 'year';
  testId: string;
}) {
  const { t, date } = useFormat();
  const id = useId();
  return (
    <section className="events-section" aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`}>{heading}</h2>
      {groups.length === 0 && <p>{t('events.calendar.none')}</p>}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`${id}-${g.key}`}>
          <h3 id={`${id}-${g.key}`}>{by === 'month' ? date(g.key) : g.key}</h3>
          <ul className="plain-list event-list">
            {g.events.map((e) => (
              <EventItem key={e.id} event={e} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function EventItem({ event: e }: { event: EventSummary }) {
  const { t } = useFormat();
  return (
    <li className="card event-item" data-event={e.id}>
      <h4>
        <Link to={`/events/${e.id}`} lang="en">
          {e.title}
        </Link>
      </h4>
      <p>
        <EventStatusBadge status={e.status} /> {t(`events.kind.${e.kind}`)}
        {!e.public && <> — {t('events.notPublic')}</>}
      </p>
      <dl className="details">
        <EventFacts event={e} />
      </dl>
    </li>
  );
}
