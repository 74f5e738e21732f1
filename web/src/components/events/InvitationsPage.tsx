// An event's invitations (/events/{id}/invitations): the Secretariat invites States by region, sub-region,
// UN regional group, development class or name (resolved by the server as at the event's first day), sees
// whom that invited and who already was, each with its note verbale's reference number; and the list of
// every invitation. A State's focal point sees its own States' invitations only (the server decides).
import { useId, useState } from 'react';
import {
  getEvent,
  inviteStates,
  listInvitations,
  noteVerbaleUrl,
  UN_LANGUAGES,
  type EventView,
  type Invitation,
  type InvitationResult,
  type UnLanguage,
} from '../../api-events.ts';
import type { Participant } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { todayIso } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { DataTable } from '../DataTable.tsx';
import { Notice, SelectField, TextField } from '../forms.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FormShell, required, useForm } from '../useForm.tsx';
import { EventsNav, useParticipantList } from './common.tsx';
import { chosenTargets, emptyTarget, TargetsField, targetPaths, type TargetRow } from './TargetsField.tsx';

export function InvitationsPage({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  return (
    <PageFrame
      title={t('events.invitations.title', { id: eventId })}
      nav={<EventsNav />}
      permission="invitations.read"
    >
      <Invitations eventId={eventId} />
    </PageFrame>
  );
}

function Invitations({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  const auth = useAuth();
  const event = useResource((signal) => getEvent(eventId, signal), [eventId]);
  const invitations = useResource((signal) => listInvitations(eventId, signal), [eventId]);
  const [result, setResult] = useState<{ n: number; value: InvitationResult } | null>(null);
  const error = event.error ?? invitations.error;
  if (error !== undefined)
    return <ProblemAlert error={error} onRetry={() => (event.reload(), invitations.reload())} />;
  const e = event.data;
  if (!e || !invitations.data) return null;
  return (
    <>
      <p className="as-of-lead">
        <Link to={`/events/${e.id}`} lang="en">
          {e.title}
        </Link>
      </p>
      {auth.can('events.manage') && (
        <InviteLoader
          event={e}
          onInvited={(value) => {
            setResult((old) => ({ n: (old?.n ?? 0) + 1, value }));
            invitations.reload();
            event.reload();
          }}
        />
      )}
      {result && (
        <InviteResult key={result.n} result={result.value} all={invitations.data} focusKey={result.n} />
      )}
      <InvitationTable invitations={invitations.data} />
    </>
  );
}

function InviteLoader({ event, onInvited }: { event: EventView; onInvited: (r: InvitationResult) => void }) {
  const { participants } = useParticipantList();
  if (participants.error !== undefined) return <ProblemAlert error={participants.error} />;
  if (!participants.data) return null;
  return <InviteForm event={event} participants={participants.data} onInvited={onInvited} />;
}

interface InviteValues {
  invite: TargetRow[];
  sentOn: string;
  language: string;
}

function InviteForm({
  event,
  participants,
  onInvited,
}: {
  event: EventView;
  participants: Participant[];
  onInvited: (r: InvitationResult) => void;
}) {
  const { t, date } = useFormat();
  const initial = (): InviteValues => ({
    invite: event.targets.length ? event.targets.map((x) => ({ ...x })) : [emptyTarget()],
    sentOn: todayIso(),
    language: 'en',
  });
  const form = useForm<InviteValues, InvitationResult>({
    initial,
    fields: (v) => ['invite', ...targetPaths('invite', v.invite), 'sentOn', 'language'],
    check: (v) => ({
      ...required(v, { sentOn: t('events.invite.required.sentOn') }),
      invite: chosenTargets(v.invite).length ? undefined : { text: t('events.invite.required.invite') },
    }),
    send: (v, key) =>
      inviteStates(
        event.id,
        { invite: chosenTargets(v.invite), sentOn: v.sentOn, language: v.language as UnLanguage },
        key,
      ),
    done: (r) => onInvited(r),
  });
  return (
    <section className="card form-card" aria-labelledby="invite-h">
      <h2 id="invite-h">{t('events.invite.heading')}</h2>
      <p className="hint">{t('events.invite.lead', { date: date(event.start) })}</p>
      <FormShell
        form={form}
        submit={t('events.invite.submit')}
        working={t('events.working')}
        testId="invite-form"
      >
        <TargetsField
          name="invite"
          legend={t('events.invite.whom')}
          rows={form.values.invite}
          onChange={(rows) => form.setValues((old) => ({ ...old, invite: rows }))}
          fieldId={form.fieldId}
          errors={form.errors}
          participants={participants}
        />
        <TextField type="date" label={t('events.invite.sentOn')} {...form.bind('sentOn')} />
        <SelectField label={t('events.invite.language')} {...form.bind('language')}>
          {UN_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`events.languages.${l}`)}
            </option>
          ))}
        </SelectField>
      </FormShell>
    </section>
  );
}

/** What an invitation request did: the States invited now, and those that already were (with their notes). */
function InviteResult({
  result,
  all,
  focusKey,
}: {
  result: InvitationResult;
  all: readonly Invitation[];
  focusKey: number;
}) {
  const { t } = useFormat();
  const earlier = result.alreadyInvited.map(
    (id) => all.find((i) => i.state.id === id) ?? { state: { id, name: id }, reference: null },
  );
  return (
    <Notice focusKey={focusKey} testId="invite-result">
      <p data-testid="invited-count">{t('events.invite.invited', { count: result.invited.length })}</p>
      {result.invited.length > 0 && (
        <ul className="plain-list" data-testid="invited">
          {result.invited.map((i) => (
            <li key={i.id}>
              <span lang="en">{i.state.name}</span> — <span className="code">{i.reference}</span>
            </li>
          ))}
        </ul>
      )}
      {earlier.length > 0 && (
        <>
          <p data-testid="already-count">{t('events.invite.already', { count: earlier.length })}</p>
          <ul className="plain-list" data-testid="already-invited">
            {earlier.map((i) => (
              <li key={i.state.id}>
                <span lang="en">{i.state.name}</span>
                {i.reference && (
                  <>
                    {' — '}
                    <span className="code">{i.reference}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}

function InvitationTable({ invitations }: { invitations: readonly Invitation[] }) {
  const { t, date } = useFormat();
  const id = useId();
  return (
    <section className="participants-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('events.invitations.heading')}</h2>
      {invitations.length === 0 ? (
        <p data-testid="no-invitations">{t('events.invitations.none')}</p>
      ) : (
        <DataTable
          testId="invitations-table"
          captionHidden
          caption={t('events.invitations.caption', { count: invitations.length })}
          rowHeader={{
            key: 'state',
            label: t('events.invitations.state'),
            lang: 'en',
            cell: (i) => i.state.name,
          }}
          columns={[
            {
              key: 'reference',
              label: t('events.invitations.reference'),
              cell: (i) => <span className="code">{i.reference}</span>,
            },
            {
              key: 'addressee',
              label: t('events.invitations.addressee'),
              lang: 'en',
              cell: (i) => i.addressee,
            },
            {
              key: 'language',
              label: t('events.invitations.language'),
              cell: (i) => t(`events.languages.${i.language}`),
            },
            { key: 'sentOn', label: t('events.invitations.sentOn'), cell: (i) => date(i.sentOn) },
            {
              key: 'note',
              label: t('events.invitations.note'),
              cell: (i) => (
                <>
                  {(['pdf', 'docx'] as const).map((format) => (
                    <a
                      key={format}
                      href={noteVerbaleUrl(i.eventId, i.state.id, format)}
                      download
                      className="note-link"
                    >
                      {t(`events.invitations.${format}`)}
                      <span className="visually-hidden">
                        {' — '}
                        {t('events.invitations.noteFor', { state: i.state.name })}
                      </span>
                    </a>
                  ))}
                </>
              ),
            },
          ]}
          rows={invitations}
          rowKey={(i) => i.id}
          rowData={(i) => ({ state: i.state.id })}
        />
      )}
    </section>
  );
}
