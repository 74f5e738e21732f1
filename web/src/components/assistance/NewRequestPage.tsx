// Drafting an assistance request (/assistance/requests/new, policy request.write: a State's focal point for its
// own State, programme officers for any): what is asked, for which provisions of the catalogue, what kind of
// assistance, by when and at what estimated cost. Eligibility is decided by the server on the request date
// and shown as it answers; an ineligible request is still recorded, marked.
import { useId, useState } from 'react';
import {
  ASSISTANCE_KINDS,
  createRequest,
  getEligibility,
  type AssistanceRequest,
  type Provision,
} from '../../api-assistance.ts';
import { listInstruments, type Instrument } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { foldForSearch, todayIso } from '../../format.ts';
import { navigate, useSearchParam } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { CheckboxGroup, SelectField, TextAreaField, TextField, type Message } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { FormShell, required, useForm } from '../useForm.tsx';
import { AssistanceNav, provisionKey, statesFor, useParticipants, useProvisions } from './common.tsx';

export function NewRequestPage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('newRequest.title')} nav={<AssistanceNav />} permission="request.write" narrow>
      <Loader />
    </PageFrame>
  );
}

function Loader() {
  const { participants } = useParticipants();
  const { provisions } = useProvisions();
  const instruments = useResource(listInstruments, []);
  const error = participants.error ?? provisions.error ?? instruments.error;
  if (error !== undefined) return <ProblemAlert error={error} />;
  if (!participants.data || !provisions.data || !instruments.data) return null;
  return (
    <RequestForm states={participants.data} provisions={provisions.data} instruments={instruments.data} />
  );
}

interface Values {
  participantId: string;
  kind: string;
  instrumentId: string;
  title: string;
  description: string;
  provisions: string[];
  assistance: string[];
  neededBy: string;
  estimatedCost: string;
  requestedOn: string;
}

function RequestForm({
  states,
  provisions,
  instruments,
}: {
  states: Parameters<typeof statesFor>[0];
  provisions: Provision[];
  instruments: Instrument[];
}) {
  const { t } = useFormat();
  const auth = useAuth();
  const own = auth.user?.role === 'focal_point' ? auth.user.states : null;
  const options = statesFor(states, own);
  const askedState = useSearchParam('participant');
  const askedProvisions = (useSearchParam('provisions') ?? '').split(',').filter(Boolean);
  const form = useForm<Values, AssistanceRequest>({
    initial: {
      participantId:
        askedState && options.some((s) => s.id === askedState)
          ? askedState
          : options.length === 1
            ? (options[0]?.id ?? '')
            : '',
      kind: 'implementation',
      instrumentId: '',
      title: '',
      description: '',
      provisions: askedProvisions.filter((k) => provisions.some((p) => provisionKey(p) === k)),
      assistance: [],
      neededBy: '',
      estimatedCost: '',
      requestedOn: todayIso(),
    },
    fields: () => [
      'participantId',
      'kind',
      'instrumentId',
      'title',
      'description',
      'provisions',
      'assistance',
      'neededBy',
      'estimatedCost',
      'requestedOn',
    ],
    check: (v) => ({
      ...required(v, {
        participantId: t('newRequest.required.state'),
        title: t('newRequest.required.title'),
        description: t('newRequest.required.description'),
        requestedOn: t('newRequest.required.requestedOn'),
      }),
      provisions: v.provisions.length ? undefined : { text: t('newRequest.required.provisions') },
      assistance: v.assistance.length ? undefined : { text: t('newRequest.required.assistance') },
      instrumentId:
        v.kind === 'preparatory' && !v.instrumentId
          ? { text: t('newRequest.required.instrument') }
          : undefined,
    }),
    send: (v, key) =>
      createRequest(
        {
          participantId: v.participantId,
          kind: v.kind as 'implementation' | 'preparatory',
          instrumentId: v.instrumentId || null,
          title: v.title.trim(),
          description: v.description.trim(),
          provisions: v.provisions,
          assistance: v.assistance as Array<(typeof ASSISTANCE_KINDS)[number]>,
          neededBy: v.neededBy || null,
          estimatedCost: v.estimatedCost.trim() || null,
          requestedOn: v.requestedOn,
        },
        key,
      ),
    done: (request) => navigate(`/assistance/requests/${request.id}`),
  });
  const v = form.values;
  const eligibility = useResource(
    (signal) => (v.participantId ? getEligibility(v.participantId, null, signal) : Promise.resolve(null)),
    [v.participantId],
  );
  return (
    <FormShell
      form={form}
      submit={t('newRequest.submit')}
      working={t('newRequest.working')}
      testId="request-form"
    >
      <p>{t('newRequest.lead')}</p>
      <SelectField label={t('newRequest.state')} {...form.bind('participantId')}>
        <option value="">{t('record.choose')}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id} lang="en">
            {p.name} ({p.id})
          </option>
        ))}
      </SelectField>
      {eligibility.data && (
        <p className="hint" data-testid="eligibility-hint">
          <strong>{eligibility.data.eligible ? t('requests.isEligible') : t('requests.notEligible')}</strong>{' '}
          <span lang="en">{eligibility.data.reason}</span>
        </p>
      )}
      <fieldset className="field">
        <legend>{t('requests.kind')}</legend>
        {(['implementation', 'preparatory'] as const).map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name={form.fieldId('kind')}
              value={k}
              checked={v.kind === k}
              onChange={() => form.set('kind', k)}
            />{' '}
            {t(`requests.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <SelectField
        label={t('controls.instrument')}
        hint={
          v.kind === 'preparatory' ? t('newRequest.instrumentPreparatory') : t('newRequest.instrumentHint')
        }
        {...form.bind('instrumentId')}
      >
        <option value="">
          {v.kind === 'preparatory' ? t('record.choose') : t('newRequest.fromProvisions')}
        </option>
        {instruments.map((i) => (
          <option key={i.id} value={i.id}>
            {instrumentShortTitle(t, i)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('newRequest.titleField')} {...form.bind('title')} />
      <TextAreaField label={t('requests.description')} rows={4} {...form.bind('description')} />
      <ProvisionPicker
        id={form.fieldId('provisions')}
        error={form.errors.fields.provisions}
        provisions={provisions}
        instruments={instruments}
        selected={v.provisions}
        onChange={(list) => form.setValues((old) => ({ ...old, provisions: list }))}
      />
      <CheckboxGroup
        id={form.fieldId('assistance')}
        legend={t('requests.assistance')}
        error={form.errors.fields.assistance}
        options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: t(`assistance.kind.${k}`) }))}
        selected={v.assistance}
        onChange={(assistance) => form.setValues((old) => ({ ...old, assistance }))}
      />
      <TextField type="date" label={t('requests.neededBy')} {...form.bind('neededBy')} />
      <TextField
        label={t('requests.estimatedCost')}
        hint={t('newRequest.costHint')}
        inputMode="decimal"
        autoComplete="off"
        {...form.bind('estimatedCost')}
      />
      <TextField
        type="date"
        label={t('requests.requestedOn')}
        hint={t('newRequest.requestedOnHint')}
        {...form.bind('requestedOn')}
      />
    </FormShell>
  );
}

/** Provisions from the catalogue, by instrument, with a search box; the chosen ones listed above. */
function ProvisionPicker({
  id,
  error,
  provisions,
  instruments,
  selected,
  onChange,
}: {
  id: string;
  error: Message | undefined;
  provisions: Provision[];
  instruments: Instrument[];
  selected: string[];
  onChange: (selected: string[]) => void;
}) {
  const { t } = useFormat();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const q = foldForSearch(search.trim());
  const match = (p: Provision) =>
    !q ||
    foldForSearch(`${provisionKey(p)} ${p.title} ${p.theme}`).includes(q) ||
    selected.includes(provisionKey(p));
  return (
    <div className={`field provision-picker${error ? ' field-invalid' : ''}`}>
      <p className="picker-label" id={`${id}-label`}>
        {t('requests.provisions')}
      </p>
      <p className="hint" id={`${id}-chosen`} aria-live="polite">
        {selected.length ? t('newRequest.chosen', { list: selected.join(', ') }) : t('newRequest.noneChosen')}
      </p>
      <label htmlFor={searchId}>{t('newRequest.searchProvisions')}</label>
      <input
        id={searchId}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        autoComplete="off"
      />
      <div className="picker-groups">
        {instruments.map((i, n) => {
          const shown = provisions.filter((p) => p.instrumentId === i.id && match(p));
          if (shown.length === 0) return null;
          return (
            <CheckboxGroup
              key={i.id}
              id={n === 0 ? id : `${id}-${i.id}`}
              legend={instrumentShortTitle(t, i)}
              error={n === 0 ? error : undefined}
              options={shown.map((p) => ({
                value: provisionKey(p),
                label: (
                  <>
                    <span className="code">{t('newRequest.article', { article: p.article })}</span>{' '}
                    <span lang="en">{p.title}</span>
                  </>
                ),
              }))}
              selected={selected}
              onChange={onChange}
            />
          );
        })}
      </div>
    </div>
  );
}
