// Every commitment the account may see (/commitments: the public sees those of public events), filtered by
// status as at today and by State (in the address, so a link keeps the view), each with its event.
import { useId } from 'react';
import { listCommitments, SHOWN_STATUSES } from '../../api-event-outcomes.ts';
import { useAuth } from '../../auth.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { CommitmentList } from './CommitmentList.tsx';
import { EventsNav, useParticipantList } from './common.tsx';

export function CommitmentsPage() {
  const { t, date } = useFormat();
  const auth = useAuth();
  const id = useId();
  const [query, setQuery] = useQuery();
  const status = (SHOWN_STATUSES as readonly string[]).includes(query.status ?? '') ? query.status! : null;
  const state = /^[A-Z0-9_-]{2,32}$/.test(query.state ?? '') ? query.state! : null;
  const list = useResource(
    (signal) => listCommitments({ status, state }, signal),
    [status, state, auth.user?.id],
  );
  const { participants } = useParticipantList();
  return (
    <PageFrame title={t('outcomes.page.title')} nav={<EventsNav />}>
      <div data-testid="commitments-page">
        {list.data && <p>{t('outcomes.page.lead', { date: date(list.data.asOf) })}</p>}
        <div className="filters event-filters" role="search" aria-label={t('outcomes.page.filters')}>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('outcomes.page.status')}</label>
            <select
              id={`${id}-status`}
              value={status ?? ''}
              onChange={(e) => setQuery({ status: e.target.value || null })}
            >
              <option value="">{t('outcomes.page.any')}</option>
              {SHOWN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`outcomes.commitments.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-state`}>{t('outcomes.page.state')}</label>
            <select
              id={`${id}-state`}
              value={state ?? ''}
              onChange={(e) => setQuery({ state: e.target.value || null })}
            >
              <option value="">{t('outcomes.page.any')}</option>
              {(participants.data ?? []).map((p) => (
                <option key={p.id} value={p.id} lang="en">
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {list.error !== undefined && <ProblemAlert error={list.error} onRetry={list.reload} />}
        {list.data && (
          <>
            <p role="status" data-testid="commitments-count">
              {t('outcomes.page.count', { count: list.data.total })}
            </p>
            <CommitmentList commitments={list.data.commitments} level={2} showEvent />
          </>
        )}
      </div>
    </PageFrame>
  );
}
