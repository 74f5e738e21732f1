// Every version of an event, oldest first: who recorded it, when and why, and for a later version each
// field that changed with what it read before and after — a list that reads like a diff.
import type { TFunction } from 'i18next';
import { useId } from 'react';
import type { EventRevision, EventSnapshot } from '../../api-events.ts';
import { useFormat } from '../../useFormat.ts';
import { instrumentNames, targetText } from './common.tsx';
import { changedFields, type SnapshotField } from './model.ts';

export function EventHistory({ revisions }: { revisions: readonly EventRevision[] }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section className="history" aria-labelledby={`${id}-h`} data-testid="event-history">
      <h2 id={`${id}-h`}>{t('events.history.heading')}</h2>
      <ol className="history-list">
        {revisions.map((r, i) => (
          <Revision key={r.revision} revision={r} before={i > 0 ? (revisions[i - 1]?.event ?? null) : null} />
        ))}
      </ol>
    </section>
  );
}

function Revision({ revision: r, before }: { revision: EventRevision; before: EventSnapshot | null }) {
  const { t } = useFormat();
  const display = useValueText();
  const changes = before ? changedFields(before, r.event) : [];
  return (
    <li data-revision={r.revision}>
      <p>
        <strong>{t('events.history.revision', { n: r.revision })}</strong> —{' '}
        {t(`events.history.change.${r.change}`)}
        {' — '}
        <time dateTime={r.recordedAt}>{r.recordedAt.slice(0, 16).replace('T', ' ')} UTC</time>
        {' — '}
        {t('events.history.by')} <span lang="en">{r.recordedBy}</span>
      </p>
      {r.reason && (
        <p>
          {t('events.history.reason')} <span lang="en">{r.reason}</span>
        </p>
      )}
      {changes.length > 0 && (
        <ul className="change-list">
          {changes.map((f) => (
            <li key={f} data-field={f}>
              <strong>{t(`events.fields.${f}`)}</strong>: <del>{display(f, before!)}</del>{' '}
              <span aria-hidden="true">→</span>{' '}
              <span className="visually-hidden">{t('events.history.became')} </span>
              <ins>{display(f, r.event)}</ins>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** A field of a version as the page reads it (names of States by their codes, as recorded). */
function useValueText(): (field: SnapshotField, s: EventSnapshot) => string {
  const { t, date } = useFormat();
  const none = t('common.notApplicable');
  const list = (items: readonly string[]) => (items.length ? items.join(', ') : none);
  return (field, s) => {
    switch (field) {
      case 'kind':
        return t(`events.kind.${s.kind}`);
      case 'status':
        return t(`events.status.${s.status}`);
      case 'start':
      case 'end':
        return date(s[field]);
      case 'registrationDeadline':
        return s.registrationDeadline ? date(s.registrationDeadline) : none;
      case 'venue':
        return venueText(t, s.venue);
      case 'targets':
        return list(s.targets.map((x) => targetText(t, x)));
      case 'instruments':
        return list(s.instruments.length ? [instrumentNames(t, s.instruments)] : []);
      case 'agenda':
        return list(
          s.agenda.map((a) => [a.title, a.instrumentId, a.articles.join(' ')].filter(Boolean).join(' · ')),
        );
      case 'languages':
        return list(s.languages.map((l) => t(`events.languages.${l}`)));
      case 'interpretation':
      case 'public':
        return s[field] ? t('country.yes') : t('country.no');
      case 'hosts':
      case 'coOrganisers':
        return list(s[field]);
      default:
        return s[field] || none;
    }
  };
}

function venueText(t: TFunction, v: EventSnapshot['venue']): string {
  const place = [v.city, v.country].filter(Boolean).join(', ');
  if (!place) return t('events.online');
  return v.online ? `${place} ${t('events.andOnline')}` : place;
}
