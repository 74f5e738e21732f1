// The depositary notifications (/notifications): the newest first, filtered by instrument or participant
// (?instrument=, ?participant=), older pages through the list's cursor, and the Atom feed of the same list.
import { feedUrl, listNotifications, type Notification } from '../../api-notifications.ts';
import { Link, useSearchParam } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { referenceLabel, textLanguage } from './common.tsx';

export function NotificationsPage() {
  const { t, date, language } = useFormat();
  const instrument = useSearchParam('instrument');
  const participant = useSearchParam('participant');
  // `before` is what older addresses of this page carry; `cursor` what the list's `next` gives now.
  const before = useSearchParam('before');
  const cursor = useSearchParam('cursor');
  const page = useResource(
    (signal) => listNotifications({ instrument, participant, before, cursor }, signal),
    [instrument, participant, before, cursor],
  );
  const lang = textLanguage(language);
  const next = page.data?.next
    ? new URL(page.data.next, window.location.origin).searchParams.get('cursor')
    : null;
  const query = new URLSearchParams();
  if (instrument) query.set('instrument', instrument);
  if (participant) query.set('participant', participant);
  return (
    <PageFrame title={t('notifications.title')} nav={null}>
      <p className="meta">{t('notifications.lead')}</p>
      <p>
        <a href={feedUrl({ instrument, participant })} type="application/atom+xml" data-testid="feed-link">
          {t('notifications.feed')}
        </a>
      </p>
      {page.error !== undefined && <ProblemAlert error={page.error} onRetry={page.reload} />}
      {page.data && (
        <>
          {page.data.items.length === 0 && <p role="status">{t('notifications.none')}</p>}
          <ul className="plain-list" data-testid="notifications">
            {page.data.items.map((n: Notification) => (
              <li key={n.id} className="card" data-testid="notification-item" data-id={n.id}>
                <h2 className="report-item-heading">
                  <Link to={`/notifications/${n.id}`} lang={lang}>
                    {n[lang].subject}
                  </Link>
                </h2>
                <p>
                  {referenceLabel(t, n)}
                  {' · '}
                  {n.issuedOn
                    ? t('notifications.issuedOn', { date: date(n.issuedOn) })
                    : t('notifications.history')}
                  {n.category === 'corrigendum' && <> · {t('notifications.corrigendum')}</>}
                </p>
              </li>
            ))}
          </ul>
          {next && (
            <p>
              <Link
                to={`/notifications?${new URLSearchParams({ ...Object.fromEntries(query), cursor: next })}`}
              >
                {t('notifications.older')}
              </Link>
            </p>
          )}
        </>
      )}
    </PageFrame>
  );
}
