// One depositary notification (/notifications/{id}): its reference and where it comes from, its text in the
// reader's language (French or English), what it corrects, and links to the instrument and the country.
import { ApiError } from '../../api.ts';
import { getNotification } from '../../api-notifications.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { referenceLabel, textLanguage } from './common.tsx';

export function NotificationPage({ notificationId }: { notificationId: number }) {
  const { t, date, language } = useFormat();
  const res = useResource((signal) => getNotification(notificationId, signal), [notificationId]);
  const n = res.data;
  const lang = textLanguage(language);
  return (
    <PageFrame
      title={n ? referenceLabel(t, n) : t('notifications.one', { id: notificationId })}
      nav={
        <p>
          <Link to="/notifications">{t('notifications.back')}</Link>
        </p>
      }
    >
      {res.error instanceof ApiError && res.error.status === 404 ? (
        <p className="problem">{t('notifications.missing')}</p>
      ) : res.error !== undefined ? (
        <ProblemAlert error={res.error} onRetry={res.reload} />
      ) : !n ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <article data-testid="notification">
          <dl className="facts">
            <dt>{t('notifications.reference')}</dt>
            <dd>{referenceLabel(t, n)}</dd>
            <dt>{t('notifications.source')}</dt>
            <dd>{t(`notifications.sources.${n.referenceSource}`)}</dd>
            <dt>{t('notifications.date')}</dt>
            <dd>{n.issuedOn ? date(n.issuedOn) : t('notifications.history')}</dd>
            <dt>{t('notifications.instrument')}</dt>
            <dd>
              <Link to={`/instruments/${n.instrumentId}`}>{n.instrumentId}</Link>
            </dd>
            <dt>{t('notifications.participant')}</dt>
            <dd>
              <Link to={`/countries/${n.participantId}`}>{n.participantId}</Link>
            </dd>
            {n.corrects && (
              <>
                <dt>{t('notifications.corrects')}</dt>
                <dd>
                  <Link to={`/notifications/${n.corrects.id}`}>
                    {n.corrects.reference ?? t('notifications.noReference', { id: n.corrects.id })}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <div lang={lang} className="notification-text" data-testid="notification-text">
            {n[lang].text.split('\n\n').map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </article>
      )}
    </PageFrame>
  );
}
