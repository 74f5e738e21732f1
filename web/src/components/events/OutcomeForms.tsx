// The Secretariat's forms for what an event leaves behind: a document in one language (referenced where it is
// published, never uploaded), an outcome adopted (declaration, conclusions…), and a commitment by a named
// State. Each is a short form described by its fields; the server's messages come back at their field.
import type { Instrument, Participant } from '../../api.ts';
import {
  addDocument,
  COMMITMENT_KINDS,
  DOCUMENT_KINDS,
  OUTCOME_KINDS,
  recordCommitment,
  recordOutcome,
  type NewCommitment,
  type NewDocument,
  type NewOutcome,
} from '../../api-event-outcomes.ts';
import { UN_LANGUAGES } from '../../api-events.ts';
import { useFormat } from '../../useFormat.ts';
import { SpecForm, type FieldSpec } from '../SpecForm.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';

type Body = Record<string, string | null>;
const text = (body: Body, key: string): string => body[key] ?? '';

/** A required choice among values, each shown by its label. */
function choice(
  name: string,
  label: string,
  values: readonly string[],
  labelOf: (value: string) => string,
  missing: string,
  lang?: string,
): FieldSpec {
  const options = values.map((value) => ({ value, label: labelOf(value), ...(lang ? { lang } : {}) }));
  return { name, label, kind: 'select', options, required: missing };
}

export function DocumentForm({ eventId, onAdded }: { eventId: number; onAdded: () => void }) {
  const { t } = useFormat();
  return (
    <SpecForm
      heading={t('outcomes.documents.formHeading')}
      lead={t('outcomes.documents.lead')}
      testId="document-form"
      submit={t('outcomes.documents.submit')}
      working={t('events.working')}
      fields={[
        choice(
          'language',
          t('outcomes.documents.language'),
          UN_LANGUAGES,
          (l) => t(`events.languages.${l as 'en'}`),
          t('outcomes.documents.required.language'),
        ),
        choice(
          'kind',
          t('outcomes.documents.kind'),
          DOCUMENT_KINDS,
          (k) => t(`outcomes.documents.kinds.${k as 'other'}`),
          t('outcomes.documents.required.kind'),
        ),
        {
          name: 'title',
          label: t('outcomes.documents.title'),
          required: t('outcomes.documents.required.title'),
        },
        { name: 'symbol', label: t('outcomes.documents.symbolField') },
        { name: 'url', label: t('outcomes.documents.url'), required: t('outcomes.documents.required.url') },
      ]}
      send={(body, key) =>
        addDocument(
          eventId,
          {
            language: text(body, 'language') as NewDocument['language'],
            kind: text(body, 'kind') as NewDocument['kind'],
            title: text(body, 'title'),
            symbol: body.symbol ?? null,
            url: text(body, 'url'),
          },
          key,
        )
      }
      done={onAdded}
    />
  );
}

export function OutcomeForm({ eventId, onRecorded }: { eventId: number; onRecorded: () => void }) {
  const { t } = useFormat();
  return (
    <SpecForm
      heading={t('outcomes.outcomes.formHeading')}
      testId="outcome-form"
      submit={t('outcomes.outcomes.submit')}
      working={t('events.working')}
      fields={[
        choice(
          'kind',
          t('outcomes.outcomes.kind'),
          OUTCOME_KINDS,
          (k) => t(`outcomes.outcomes.kinds.${k as 'report'}`),
          t('outcomes.outcomes.required.kind'),
        ),
        {
          name: 'title',
          label: t('outcomes.outcomes.title'),
          required: t('outcomes.outcomes.required.title'),
        },
        {
          name: 'text',
          label: t('outcomes.outcomes.textField'),
          kind: 'textarea',
          required: t('outcomes.outcomes.required.text'),
        },
        {
          name: 'adoptedOn',
          label: t('outcomes.outcomes.adoptedOn'),
          kind: 'date',
          required: t('outcomes.outcomes.required.adoptedOn'),
        },
      ]}
      send={(body, key) =>
        recordOutcome(
          eventId,
          {
            kind: text(body, 'kind') as NewOutcome['kind'],
            title: text(body, 'title'),
            text: text(body, 'text'),
            adoptedOn: text(body, 'adoptedOn'),
          },
          key,
        )
      }
      done={onRecorded}
    />
  );
}

export function CommitmentForm({
  eventId,
  states,
  instruments,
  onRecorded,
}: {
  eventId: number;
  states: readonly Participant[];
  instruments: readonly Instrument[];
  onRecorded: () => void;
}) {
  const { t } = useFormat();
  return (
    <SpecForm
      heading={t('outcomes.commitments.formHeading')}
      lead={t('outcomes.commitments.lead')}
      testId="commitment-form"
      submit={t('outcomes.commitments.submit')}
      working={t('events.working')}
      fields={[
        choice(
          'stateId',
          t('outcomes.commitments.state'),
          states.map((p) => p.id),
          (id) => states.find((p) => p.id === id)?.name ?? id,
          t('outcomes.commitments.required.state'),
          'en',
        ),
        choice(
          'instrumentId',
          t('outcomes.commitments.instrument'),
          instruments.map((i) => i.id),
          (id) => instrumentShortTitle(t, instruments.find((i) => i.id === id) ?? { id, shortTitle: id }),
          t('outcomes.commitments.required.instrument'),
        ),
        choice(
          'what',
          t('outcomes.commitments.what'),
          COMMITMENT_KINDS,
          (k) => t(`outcomes.commitments.kinds.${k as 'other'}`),
          t('outcomes.commitments.required.what'),
        ),
        {
          name: 'text',
          label: t('outcomes.commitments.text'),
          kind: 'textarea',
          required: t('outcomes.commitments.required.text'),
        },
        { name: 'due', label: t('outcomes.commitments.dueField'), hint: t('outcomes.commitments.dueHint') },
      ]}
      send={(body, key) =>
        recordCommitment(
          eventId,
          {
            stateId: text(body, 'stateId'),
            instrumentId: text(body, 'instrumentId'),
            what: text(body, 'what') as NewCommitment['what'],
            text: text(body, 'text'),
            due: body.due ?? null,
          },
          key,
        )
      }
      done={onRecorded}
    />
  );
}
