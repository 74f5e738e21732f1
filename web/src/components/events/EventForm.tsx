// Recording an event (/events/new) and correcting one (/events/{id}/correct), for the Secretariat (policy
// events.manage): the whole event in one form. A correction starts from the event as it reads, sends the
// revision it was loaded at with the reason, and is refused (409) when someone changed the event meanwhile:
// the page then says so and offers to load the event again.
import { useState, type ReactNode } from 'react';
import {
  correctEvent,
  createEvent,
  EVENT_KINDS,
  getEvent,
  UN_LANGUAGES,
  type EventKind,
  type EventView,
  type NewEvent,
  type UnLanguage,
} from '../../api-events.ts';
import { listInstruments, type Instrument, type Participant } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FormShell, optional, required, useForm } from '../useForm.tsx';
import { AgendaField, agendaPaths, emptyItem, type AgendaRow } from './AgendaField.tsx';
import { EventsNav, isStale, StaleNotice, useParticipantList } from './common.tsx';
import { parseArticles, parseLines } from './model.ts';
import { chosenTargets, emptyTarget, TargetsField, targetPaths, type TargetRow } from './TargetsField.tsx';

export interface EventValues {
  kind: string;
  title: string;
  start: string;
  end: string;
  city: string;
  country: string;
  online: boolean;
  hosts: string[];
  coOrganisers: string;
  targets: TargetRow[];
  instruments: string[];
  agenda: AgendaRow[];
  languages: string[];
  interpretation: boolean;
  public: boolean;
  registrationDeadline: string;
  description: string;
  reason: string;
}

const BLANK: EventValues = {
  kind: '',
  title: '',
  start: '',
  end: '',
  city: '',
  country: '',
  online: false,
  hosts: [],
  coOrganisers: '',
  targets: [emptyTarget()],
  instruments: [],
  agenda: [],
  languages: ['en', 'fr'],
  interpretation: false,
  public: true,
  registrationDeadline: '',
  description: '',
  reason: '',
};

/** The form's values for an event as it reads now (a correction starts from them). */
export function valuesOf(e: EventView): EventValues {
  return {
    kind: e.kind,
    title: e.title,
    start: e.start,
    end: e.end,
    city: e.venue.city ?? '',
    country: e.venue.country?.id ?? '',
    online: e.venue.online,
    hosts: e.hosts.map((h) => h.id),
    coOrganisers: e.coOrganisers.join('\n'),
    targets: e.targets.length ? e.targets.map((x) => ({ ...x })) : [emptyTarget()],
    instruments: [...e.instruments],
    agenda: e.agenda.map((a) => ({
      title: a.title,
      instrumentId: a.instrumentId ?? '',
      articles: a.articles.join(', '),
    })),
    languages: [...e.languages],
    interpretation: e.interpretation,
    public: e.public,
    registrationDeadline: e.registrationDeadline ?? '',
    description: e.description,
    reason: '',
  };
}

/** The event as the API takes it. */
function inputOf(v: EventValues): NewEvent {
  return {
    kind: v.kind as EventKind,
    title: v.title.trim(),
    start: v.start,
    end: v.end,
    venue: { city: optional(v.city), country: v.country || null, online: v.online },
    hosts: v.hosts,
    coOrganisers: parseLines(v.coOrganisers),
    targets: chosenTargets(v.targets),
    instruments: v.instruments,
    agenda: v.agenda.map((a) => ({
      title: a.title.trim(),
      instrumentId: a.instrumentId || null,
      articles: parseArticles(a.articles),
    })),
    languages: v.languages as UnLanguage[],
    interpretation: v.interpretation,
    public: v.public,
    registrationDeadline: v.registrationDeadline || null,
    description: v.description.trim(),
  };
}

/** The server's paths for the venue are the form's own fields. */
const rename = (path: string) =>
  path === 'venue' ? 'city' : path.startsWith('venue.') ? path.slice('venue.'.length) : path;

export function NewEventPage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('events.form.newTitle')} nav={<EventsNav />} permission="events.manage" narrow>
      <Loader>{(refs) => <EventForm {...refs} initial={BLANK} />}</Loader>
    </PageFrame>
  );
}

export function CorrectEventPage({ eventId }: { eventId: number }) {
  const { t } = useFormat();
  return (
    <PageFrame
      title={t('events.form.correctTitle', { id: eventId })}
      nav={<EventsNav />}
      permission="events.manage"
      narrow
    >
      <CorrectLoader eventId={eventId} />
    </PageFrame>
  );
}

function CorrectLoader({ eventId }: { eventId: number }) {
  const event = useResource((signal) => getEvent(eventId, signal), [eventId]);
  if (event.error !== undefined) return <ProblemAlert error={event.error} onRetry={event.reload} />;
  const e = event.data;
  if (!e) return null;
  return (
    <Loader>
      {(refs) => (
        <EventForm key={e.revision} {...refs} initial={valuesOf(e)} event={e} onReload={event.reload} />
      )}
    </Loader>
  );
}

interface Refs {
  participants: Participant[];
  instruments: Instrument[];
}

function Loader({ children }: { children: (refs: Refs) => ReactNode }) {
  const { participants } = useParticipantList();
  const instruments = useResource(listInstruments, []);
  const error = participants.error ?? instruments.error;
  if (error !== undefined) return <ProblemAlert error={error} />;
  if (!participants.data || !instruments.data) return null;
  return <>{children({ participants: participants.data, instruments: instruments.data })}</>;
}

function EventForm({
  participants,
  instruments,
  initial,
  event,
  onReload,
}: Refs & { initial: EventValues; event?: EventView; onReload?: () => void }) {
  const { t } = useFormat();
  const [stale, setStale] = useState(false);
  const correcting = event !== undefined;
  const form = useForm<EventValues, EventView>({
    initial,
    fields: (v) => [
      'kind',
      'title',
      'start',
      'end',
      'city',
      'country',
      'online',
      'hosts',
      'coOrganisers',
      'targets',
      ...targetPaths('targets', v.targets),
      'instruments',
      'agenda',
      ...agendaPaths(v.agenda),
      'languages',
      'interpretation',
      'public',
      'registrationDeadline',
      'description',
      ...(correcting ? ['reason'] : []),
    ],
    check: (v) => ({
      ...required(v, {
        kind: t('events.form.required.kind'),
        title: t('events.form.required.title'),
        start: t('events.form.required.start'),
        end: t('events.form.required.end'),
        ...(correcting ? { reason: t('events.form.required.reason') } : {}),
      }),
      languages: v.languages.length ? undefined : { text: t('events.form.required.languages') },
      ...Object.fromEntries(
        v.agenda.map((a, i) => [
          `agenda.${i}.title`,
          a.title.trim() ? undefined : { text: t('events.form.required.agendaTitle') },
        ]),
      ),
    }),
    send: (v, key) =>
      event
        ? correctEvent(event.id, { ...inputOf(v), revision: event.revision, reason: v.reason.trim() }, key)
        : createEvent(inputOf(v), key),
    rename,
    failed: (error) => setStale(isStale(error)),
    done: (saved) => navigate(`/events/${saved.id}`),
  });
  const v = form.values;
  const setList = <K extends keyof EventValues>(field: K, value: EventValues[K]) =>
    form.setValues((old) => ({ ...old, [field]: value }));
  const states = participants
    .filter((p) => p.kind === 'state')
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const tick = (field: 'online' | 'interpretation' | 'public', label: string) => (
    <div className="field">
      <label className="choice">
        <input
          id={form.fieldId(field)}
          type="checkbox"
          checked={v[field]}
          onChange={(e) => setList(field, e.target.checked)}
        />{' '}
        {label}
      </label>
    </div>
  );
  return (
    <>
      {stale && <StaleNotice onReload={() => onReload?.()} />}
      <FormShell
        form={form}
        submit={correcting ? t('events.form.correctSubmit') : t('events.form.createSubmit')}
        working={t('events.working')}
        testId="event-form"
      >
        <SelectField label={t('events.fields.kind')} {...form.bind('kind')}>
          <option value="">{t('record.choose')}</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`events.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('events.fields.title')} lang="en" {...form.bind('title')} />
        <div className="field-pair">
          <TextField type="date" label={t('events.fields.start')} {...form.bind('start')} />
          <TextField type="date" label={t('events.fields.end')} {...form.bind('end')} />
        </div>
        <TextField label={t('events.form.city')} lang="en" {...form.bind('city')} />
        <SelectField label={t('events.form.country')} {...form.bind('country')}>
          <option value="">{t('events.form.noCountry')}</option>
          {states.map((s) => (
            <option key={s.id} value={s.id} lang="en">
              {s.name}
            </option>
          ))}
        </SelectField>
        {tick('online', t('events.form.online'))}
        <SelectField
          id={form.fieldId('hosts')}
          label={t('events.fields.hosts')}
          hint={t('events.form.hostsHint')}
          error={form.errors.fields.hosts}
          multiple
          size={6}
          value={v.hosts}
          onChange={(e) =>
            setList(
              'hosts',
              Array.from(e.target.selectedOptions, (o) => o.value),
            )
          }
        >
          {states.map((s) => (
            <option key={s.id} value={s.id} lang="en">
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('events.fields.coOrganisers')}
          hint={t('events.form.coOrganisersHint')}
          rows={2}
          lang="en"
          {...form.bind('coOrganisers')}
        />
        <TargetsField
          name="targets"
          legend={t('events.form.targets')}
          hint={t('events.form.targetsHint')}
          rows={v.targets}
          onChange={(rows) => setList('targets', rows)}
          fieldId={form.fieldId}
          errors={form.errors}
          participants={participants}
        />
        <CheckboxGroup
          id={form.fieldId('instruments')}
          legend={t('events.fields.instruments')}
          error={form.errors.fields.instruments}
          options={instruments.map((i) => ({ value: i.id, label: instrumentShortTitle(t, i) }))}
          selected={v.instruments}
          onChange={(list) => setList('instruments', list)}
        />
        <AgendaField
          rows={v.agenda}
          onChange={(rows) => setList('agenda', rows)}
          fieldId={form.fieldId}
          errors={form.errors}
          instruments={instruments.filter((i) => v.instruments.includes(i.id))}
          onAdd={() => setList('agenda', [...v.agenda, emptyItem()])}
        />
        <CheckboxGroup
          id={form.fieldId('languages')}
          legend={t('events.fields.languages')}
          error={form.errors.fields.languages}
          options={UN_LANGUAGES.map((l) => ({ value: l, label: t(`events.languages.${l}`) }))}
          selected={v.languages}
          onChange={(list) => setList('languages', list)}
        />
        {tick('interpretation', t('events.form.interpretation'))}
        {tick('public', t('events.form.public'))}
        <TextField
          type="date"
          label={t('events.fields.registrationDeadline')}
          {...form.bind('registrationDeadline')}
        />
        <TextAreaField
          label={t('events.fields.description')}
          rows={4}
          lang="en"
          {...form.bind('description')}
        />
        {correcting && (
          <TextField
            label={t('events.form.reason')}
            hint={t('events.form.reasonHint')}
            {...form.bind('reason')}
          />
        )}
      </FormShell>
    </>
  );
}
