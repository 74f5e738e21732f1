// The delegations of an event, on its page. The Secretariat sees every delegation with each person's status
// and the review actions, the places (overall and per category), the waiting list in its order, and the
// participant list as CSV or XLSX. A State's focal point sees its own States' delegations, read-only, with the
// way to the registration form while registration is open. Nobody else sees names (the server decides too).
import { useId, useState } from 'react';
import {
  getAttendance,
  listDelegations,
  participantListUrl,
  type Delegation,
} from '../../api-delegations.ts';
import type { EventView } from '../../api-events.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Notice } from '../forms.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { CapacityForm } from './CapacityForm.tsx';
import { DelegateStatusBadge, NoteVerbaleLink, PersonName } from './delegations-common.tsx';
import { fullName } from './registration-model.ts';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { ReviewForm } from './ReviewForm.tsx';

export function EventDelegations({ event }: { event: EventView }) {
  const auth = useAuth();
  if (!auth.can('delegation.read')) return null;
  return <Delegations event={event} reviewer={auth.can('delegation.review')} />;
}

/** The way to the registration form, while registration is open, for those who may register. */
export function RegisterLink({ event: e }: { event: EventView }) {
  const { t } = useFormat();
  const auth = useAuth();
  if (e.status !== 'registration_open' || !auth.can('delegation.register')) return null;
  return (
    <p>
      <Link className="button-link" to={`/events/${e.id}/register`} data-testid="register-link">
        {t('delegations.register.link')}
      </Link>
    </p>
  );
}

function Delegations({ event: e, reviewer }: { event: EventView; reviewer: boolean }) {
  const { t } = useFormat();
  const auth = useAuth();
  const id = useId();
  const delegations = useResource((signal) => listDelegations(e.id, signal), [e.id, auth.user?.id]);
  const attendance = useResource((signal) => getAttendance(e.id, signal), [e.id, auth.user?.id]);
  const [notice, setNotice] = useState<{ n: number; text: string } | null>(null);
  const reload = (text: string) => {
    setNotice((old) => ({ n: (old?.n ?? 0) + 1, text }));
    delegations.reload();
    attendance.reload();
  };
  const error = delegations.error ?? attendance.error;
  const list = delegations.data;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="event-delegations">
      <h2 id={`${id}-h`}>{t('delegations.event.heading')}</h2>
      {error !== undefined && (
        <ProblemAlert error={error} onRetry={() => (delegations.reload(), attendance.reload())} />
      )}
      {reviewer && (
        <p className="record-links" data-testid="participant-lists">
          {t('delegations.event.participants')}{' '}
          {(['csv', 'xlsx'] as const).map((format) => (
            <a key={format} href={participantListUrl(e.id, format)} download className="note-link">
              {t(`delegations.event.${format}`)}
            </a>
          ))}
        </p>
      )}
      {notice && (
        <Notice focusKey={notice.n} testId="delegations-notice">
          <p>{notice.text}</p>
        </Notice>
      )}
      {reviewer && attendance.data && (
        <CapacityForm
          key={JSON.stringify(attendance.data.capacity)}
          eventId={e.id}
          attendance={attendance.data}
          onSaved={(movedUp) => reload(t('delegations.capacity.saved', { count: movedUp.length }))}
        />
      )}
      {list && list.length === 0 && <p data-testid="no-delegations">{t('delegations.event.none')}</p>}
      {list && reviewer && list.length > 0 && <WaitingList delegations={list} />}
      {list?.map((d) =>
        reviewer ? (
          <ReviewedDelegation
            key={d.id}
            eventId={e.id}
            delegation={d}
            onReviewed={(name, decision) => reload(t(`delegations.review.done.${decision}`, { name }))}
          />
        ) : (
          <RegistrationStatus key={d.id} eventId={e.id} delegation={d} />
        ),
      )}
    </section>
  );
}

/** Everyone on the waiting list, in the order places go to them (order of registration). */
function WaitingList({ delegations }: { delegations: readonly Delegation[] }) {
  const { t } = useFormat();
  const waiting = delegations
    .flatMap((d) => d.delegates.filter((p) => p.status === 'waitlisted').map((p) => ({ p, d })))
    .sort((a, b) => a.p.id - b.p.id);
  return (
    <div data-testid="waiting-list">
      <h3>{t('delegations.event.waiting')}</h3>
      {waiting.length === 0 ? (
        <p>{t('delegations.event.noWaiting')}</p>
      ) : (
        <ol>
          {waiting.map(({ p, d }) => (
            <li key={p.id}>
              <PersonName person={p} /> — <span lang="en">{d.state.name}</span>,{' '}
              {t(`delegations.category.${p.category}`)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ReviewedDelegation({
  eventId,
  delegation: d,
  onReviewed,
}: {
  eventId: number;
  delegation: Delegation;
  onReviewed: (name: string, decision: 'approve' | 'request_changes' | 'refuse') => void;
}) {
  const { t } = useFormat();
  return (
    <section className="card" data-testid="delegation" data-state={d.state.id}>
      <h3>
        <span lang="en">{d.state.name}</span>{' '}
        <DelegateStatusBadge status={d.status as Delegation['delegates'][number]['status']} />
      </h3>
      <p>
        <NoteVerbaleLink eventId={eventId} delegation={d} />
      </p>
      <ul className="plain-list delegation-people">
        {d.delegates.map((p) => (
          <li key={p.id} data-testid="delegation-person" data-delegate={p.id} data-status={p.status}>
            <p>
              <strong>
                <PersonName person={p} />
              </strong>{' '}
              — {t(`delegations.position.${p.position}`)}, {t(`delegations.category.${p.category}`)}
              {p.function && <>, {p.function}</>} <DelegateStatusBadge status={p.status} />
            </p>
            {p.reason && (
              <p>
                {t('delegations.person.reason')}: <span lang="en">{p.reason}</span>
              </p>
            )}
            {!p.erased && (
              <ReviewForm
                eventId={eventId}
                person={{ id: p.id, status: p.status, name: fullName(p) }}
                onReviewed={(_, decision) => onReviewed(fullName(p), decision)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
