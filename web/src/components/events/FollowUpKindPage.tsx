// What happened after the held events of one kind, pooled (/events/follow-up?kind=…, public as far as the
// events are): a kind to choose, then the attending States against the others where attendance was recorded,
// and the target regions' consents before and after where it was not — each chart with its table.
import { useId } from 'react';
import { getKindFollowUp } from '../../api-event-outcomes.ts';
import { EVENT_KINDS, type EventKind } from '../../api-events.ts';
import { useAuth } from '../../auth.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventsNav, useParticipantList } from './common.tsx';
import { FollowUpCurves } from './FollowUpCurves.tsx';
import { FollowUpNotes } from './FollowUpNotes.tsx';
import { FollowUpRegion } from './FollowUpRegion.tsx';

const isKind = (k: string | undefined): k is EventKind =>
  (EVENT_KINDS as readonly string[]).includes(k ?? '');

export function FollowUpKindPage() {
  const { t } = useFormat();
  const id = useId();
  const [query, setQuery] = useQuery();
  const kind = isKind(query.kind) ? query.kind : null;
  return (
    <PageFrame title={t('followUp.kindTitle')} nav={<EventsNav />}>
      <div className="filters event-filters">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('followUp.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind ?? ''}
            onChange={(e) => setQuery({ kind: e.target.value || null }, { push: true })}
          >
            <option value="">{t('record.choose')}</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {kind ? <Pooled kind={kind} /> : <p>{t('followUp.chooseKind')}</p>}
    </PageFrame>
  );
}

function Pooled({ kind }: { kind: EventKind }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const id = useId();
  const view = useResource((signal) => getKindFollowUp(kind, {}, signal), [kind, auth.user?.id]);
  const { nameOf } = useParticipantList();
  const v = view.data;
  if (view.error !== undefined) return <ProblemAlert error={view.error} onRetry={view.reload} />;
  if (!v)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  return (
    <div data-testid="event-follow-up" data-kind={v.kind}>
      <p>{t('followUp.kindLead', { date: date(v.asOf) })}</p>
      <p role="status">
        {v.events === 0
          ? t('followUp.noneHeld', { date: date(v.asOf) })
          : t('followUp.kindCount', {
              count: v.events,
              attendance: v.attendanceEvents,
              region: v.regionEvents,
            })}
      </p>
      {v.attendanceEvents > 0 && (
        <FollowUpCurves
          curves={v.curves}
          withheld={v.withheld !== null}
          lastDay={v.windowDays}
          windowDays={v.windowDays}
          comparison={t('followUp.curves.comparisonInvited')}
        />
      )}
      {v.regionEvents > 0 && (
        <section aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`}>{t('followUp.region.heading')}</h2>
          <p data-testid="follow-up-shown">{t('followUp.region.shownKind', { months: v.monthsAround })}</p>
          <FollowUpRegion
            rows={v.region.byInstrument}
            caption={t('followUp.region.captionKind')}
            nameOf={nameOf}
          />
        </section>
      )}
      <FollowUpNotes
        withheld={v.withheld}
        curvesWithheld={v.withheld !== null}
        attendance={false}
        assistanceRequests={v.assistanceRequests}
      />
    </div>
  );
}
