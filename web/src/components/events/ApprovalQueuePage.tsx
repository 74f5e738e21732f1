// The Secretariat's approval queue (/events/queue): everyone waiting for review across events, oldest first,
// each with the event, the State, category, name and function, the delegation's note verbale, and the review
// actions. After each review the queue is loaded again and a status line says what was done.
import { useState } from 'react';
import { delegationNoteUrl, getQueue, type QueueItem, type ReviewDecision } from '../../api-delegations.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Empty } from '../Empty.tsx';
import { Notice } from '../forms.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventsNav } from './common.tsx';
import { PersonName } from './delegations-common.tsx';
import { fullName } from './registration-model.ts';
import { ReviewForm } from './ReviewForm.tsx';

export function ApprovalQueuePage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('delegations.queue.title')} nav={<EventsNav />} permission="delegation.review">
      <ApprovalQueue />
    </PageFrame>
  );
}

function ApprovalQueue() {
  const { t } = useFormat();
  const queue = useResource((signal) => getQueue(0, signal), []);
  const [done, setDone] = useState<{ n: number; name: string; decision: ReviewDecision } | null>(null);
  if (queue.error !== undefined) return <ProblemAlert error={queue.error} onRetry={queue.reload} />;
  if (!queue.data)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  const { total, items } = queue.data;
  return (
    <>
      <p>{t('delegations.queue.lead')}</p>
      {done && (
        <Notice focusKey={done.n} testId="review-done">
          <p>{t(`delegations.review.done.${done.decision}`, { name: done.name })}</p>
        </Notice>
      )}
      <p data-testid="queue-count" role="status">
        {t('delegations.queue.count', { count: total })}
      </p>
      {items.length === 0 ? (
        <p data-testid="queue-empty">{t('delegations.queue.none')}</p>
      ) : (
        <ul className="plain-list queue-list" data-testid="approval-queue">
          {items.map((p) => (
            <QueuePerson
              key={p.id}
              person={p}
              onReviewed={(decision) => {
                setDone((old) => ({ n: (old?.n ?? 0) + 1, name: fullName(p), decision }));
                queue.reload();
              }}
            />
          ))}
        </ul>
      )}
      {total > items.length && <p>{t('delegations.queue.more', { count: total - items.length })}</p>}
    </>
  );
}

function QueuePerson({
  person: p,
  onReviewed,
}: {
  person: QueueItem;
  onReviewed: (decision: ReviewDecision) => void;
}) {
  const { t, date } = useFormat();
  const headingId = `queue-person-${p.id}`;
  return (
    <li className="card" data-testid="queue-person" data-delegate={p.id}>
      <h2 id={headingId}>
        <PersonName person={p} />
      </h2>
      <dl className="details">
        <div>
          <dt>{t('delegations.queue.event')}</dt>
          <dd>
            <Link to={`/events/${p.eventId}`} lang="en">
              {p.eventTitle}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('delegations.queue.state')}</dt>
          <dd lang="en" data-testid="queue-state">
            {p.state.name}
          </dd>
        </div>
        <div>
          <dt>{t('delegations.person.category')}</dt>
          <dd>
            {t(`delegations.category.${p.category}`)} — {t(`delegations.position.${p.position}`)}
          </dd>
        </div>
        <div>
          <dt>{t('delegations.person.function')}</dt>
          <dd>{p.function ?? <Empty />}</dd>
        </div>
        <div>
          <dt>{t('delegations.note.label')}</dt>
          <dd>
            <a href={delegationNoteUrl(p.eventId, p.delegationId)} download>
              {t('delegations.note.link')}
              <span className="visually-hidden">
                {' — '}
                {t('delegations.note.of', { state: p.state.name })}
              </span>
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('delegations.queue.since')}</dt>
          <dd>{date(p.statusSince.slice(0, 10))}</dd>
        </div>
      </dl>
      <ReviewForm
        eventId={p.eventId}
        person={{ id: p.id, status: p.status, name: fullName(p) }}
        onReviewed={(_, decision) => onReviewed(decision)}
      />
    </li>
  );
}
