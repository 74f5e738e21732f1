// Registering a delegation (/events/{id}/register): a State's focal point chooses one of its States (the
// Secretariat, any State the event is for) and registers the whole delegation with its note verbale. When the
// State has registered before, the page shows that registration — each person's status and the Secretariat's
// reason — and the form holds its people, to change and send again.
import { useState } from 'react';
import { listDelegations, type DelegationResult } from '../../api-delegations.ts';
import { getEvent, type EventView } from '../../api-events.ts';
import type { Participant } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Notice, SelectField } from '../forms.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { EventStatusBadge, EventsNav, useParticipantList } from './common.tsx';
import { RegistrationForm } from './RegistrationForm.tsx';
import { RegistrationStatus } from './RegistrationStatus.tsx';

export function RegistrationPage({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  return (
    <PageFrame title={t('delegations.register.title')} nav={<EventsNav />} permission="delegation.register">
      <Registration eventId={eventId} />
    </PageFrame>
  );
}

/**
 * The States this account may register for: its own; for the Secretariat, those the event is for (every
 * State when the event names none).
 */
function useStates(event: EventView | undefined, participants: readonly Participant[] | undefined): string[] {
  const auth = useAuth();
  if (auth.user?.role === 'focal_point') return auth.user.states;
  const targets = event?.targetStates.map((s) => s.id) ?? [];
  if (targets.length > 0) return targets;
  return (participants ?? []).filter((p) => p.kind === 'state').map((p) => p.id);
}

function Registration({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  const auth = useAuth();
  const event = useResource((signal) => getEvent(eventId, signal), [eventId, auth.user?.id]);
  const delegations = useResource((signal) => listDelegations(eventId, signal), [eventId, auth.user?.id]);
  const { participants, nameOf } = useParticipantList();
  const states = useStates(event.data, participants.data);
  const [chosen, setChosen] = useState<string | null>(null);
  const [sent, setSent] = useState<{ n: number; result: DelegationResult } | null>(null);
  const error = event.error ?? delegations.error ?? participants.error;
  if (error !== undefined)
    return <ProblemAlert error={error} onRetry={() => (event.reload(), delegations.reload())} />;
  const e = event.data;
  if (!e || !delegations.data || !participants.data)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  const state = chosen ?? (states.length === 1 ? states[0]! : '');
  const delegation = delegations.data.find((d) => d.state.id === state);
  const open = e.status === 'registration_open';
  return (
    <>
      <p className="as-of-lead">
        <Link to={`/events/${e.id}`} lang="en" data-testid="registration-event">
          {e.title}
        </Link>{' '}
        <EventStatusBadge status={e.status} />
      </p>
      <p>{t('delegations.register.lead')}</p>
      {!open && (
        <p className="problem" data-testid="registration-closed">
          {t('delegations.register.notOpen', { status: t(`events.status.${e.status}`) })}
        </p>
      )}
      <SelectField
        id="registration-state"
        label={t('delegations.register.state')}
        value={state}
        onChange={(x) => {
          setChosen(x.target.value);
          setSent(null);
        }}
      >
        {states.length !== 1 && <option value="">{t('record.choose')}</option>}
        {states.map((s) => (
          <option key={s} value={s} lang="en">
            {nameOf(s)}
          </option>
        ))}
      </SelectField>
      {states.length === 0 && <p data-testid="no-states">{t('delegations.register.noStates')}</p>}
      {sent && (
        <Notice focusKey={sent.n} testId="registration-sent">
          <p>{t(sent.result.updated ? 'delegations.register.updated' : 'delegations.register.registered')}</p>
          {sent.result.delegates.some((d) => d.status === 'waitlisted') && (
            <p>{t('delegations.register.waitlisted')}</p>
          )}
        </Notice>
      )}
      {delegation && <RegistrationStatus eventId={e.id} delegation={delegation} />}
      {open && state && (
        <RegistrationForm
          key={`${state}:${delegation?.updatedAt ?? 'new'}`}
          eventId={e.id}
          state={state}
          delegation={delegation}
          onDone={(result) => {
            setSent((old) => ({ n: (old?.n ?? 0) + 1, result }));
            delegations.reload();
          }}
        />
      )}
    </>
  );
}
