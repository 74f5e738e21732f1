// What the events pages share: the section's navigation, the status badge, and how an event's kind, dates,
// venue, hosts and instruments read. Names of States come from the data in English (lang="en").
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { EventStatus, EventSummary, Target } from '../../api-events.ts';
import { ApiError, listParticipants } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Empty } from '../Empty.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { SubNav } from '../SubNav.tsx';

export function EventsNav() {
  const { t } = useFormat();
  const auth = useAuth();
  const links: Array<[string, string]> = [
    ['/events', t('events.nav.calendar')],
    ['/events/follow-up', t('events.nav.followUp')],
    ['/commitments', t('events.nav.commitments')],
  ];
  if (auth.can('events.manage')) links.push(['/events/new', t('events.nav.new')]);
  if (auth.can('delegation.review')) links.push(['/events/queue', t('delegations.nav.queue')]);
  return <SubNav label={t('events.nav.label')} links={links} />;
}

/** The badge's colours: the assistance workflow's (styles.css), by how the event stands. */
const TONE: Record<EventStatus, string> = {
  planned: '',
  invitations_sent: 'request-submitted',
  registration_open: 'request-approved',
  registration_closed: 'request-submitted',
  held: 'request-completed',
  report_published: 'request-completed',
  postponed: 'request-declined',
  cancelled: 'request-declined',
};

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { t } = useFormat();
  return (
    <span className={`request-status ${TONE[status]}`} data-testid="event-status">
      {t(`events.status.${status}`)}
    </span>
  );
}

export function useDateRange(): (start: string, end: string) => string {
  const { t, date } = useFormat();
  return (start, end) =>
    start === end ? date(start) : t('events.dates', { start: date(start), end: date(end) });
}

/** "Bamako, Mali", "Online", "Vienna, Austria, and online". */
export function VenueText({ venue }: { venue: EventSummary['venue'] }) {
  const { t } = useFormat();
  const place = [venue.city, venue.country?.name].filter(Boolean).join(', ');
  if (!place) return <>{t('events.online')}</>;
  return (
    <>
      <span lang="en">{place}</span>
      {venue.online && <> {t('events.andOnline')}</>}
    </>
  );
}

/**
 * The rows of a details list every view of an event shows: dates, venue, hosts, instruments (with `all`,
 * the empty ones too, marked as such).
 */
export function EventFacts({ event: e, all = false }: { event: EventSummary; all?: boolean }) {
  const { t } = useFormat();
  const range = useDateRange();
  const row = (label: string, shown: boolean, value: ReactNode) =>
    (shown || all) && (
      <div>
        <dt>{label}</dt>
        <dd>{shown ? value : <Empty />}</dd>
      </div>
    );
  return (
    <>
      {row(t('events.fields.dates'), true, range(e.start, e.end))}
      {row(t('events.fields.venue'), true, <VenueText venue={e.venue} />)}
      {row(t('events.fields.hosts'), e.hosts.length > 0, <NameList names={e.hosts} />)}
      {row(t('events.fields.instruments'), e.instruments.length > 0, instrumentNames(t, e.instruments))}
    </>
  );
}

export function NameList({ names }: { names: ReadonlyArray<{ id: string; name: string }> }) {
  return <span lang="en">{names.map((n) => n.name).join(', ')}</span>;
}

export function instrumentNames(t: TFunction, ids: readonly string[]): string {
  return ids.map((id) => instrumentShortTitle(t, { id, shortTitle: id })).join(', ');
}

/** A target as the Secretariat named it: "Intermediate region: Western Africa". */
export function targetText(t: TFunction, target: Target, stateName?: (id: string) => string): string {
  const value =
    target.kind === 'development_class'
      ? t(`developmentClass.${target.value as 'developing'}`)
      : target.kind === 'state' && stateName
        ? stateName(target.value)
        : target.value;
  return t('events.target', { kind: t(`events.targetKind.${target.kind}`), value });
}

/** Every participant (for names, and the values of targets), loaded once per page. */
export function useParticipantList() {
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const nameOf = (id: string) => participants.data?.find((p) => p.id === id)?.name ?? id;
  return { participants, nameOf };
}

/** Whether a refusal says the event changed since the page loaded it (409 at `revision`). */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.fieldMessage('revision') !== undefined;
}

/** The event changed since this page loaded it: say so plainly and offer to load it again. */
export function StaleNotice({ onReload }: { onReload: () => void }) {
  const { t } = useFormat();
  return (
    <div className="problem" role="alert" data-testid="stale">
      <p className="problem-heading">{t('events.stale.heading')}</p>
      <p>{t('events.stale.text')}</p>
      <button type="button" onClick={onReload}>
        {t('events.stale.reload')}
      </button>
    </div>
  );
}
