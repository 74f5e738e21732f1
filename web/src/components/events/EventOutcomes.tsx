// What an event left behind, on its page: its documents per language (links to where they are published),
// the outcomes it adopted, and the commitments States made there with their status as at today. The
// Secretariat adds documents, records outcomes and commitments once the event is held, marks a commitment met
// by the registry action that met it (chosen among those that would), or withdraws it with a reason.
import { useId } from 'react';
import { listInstruments } from '../../api.ts';
import {
  listDocuments,
  listEventCommitments,
  listOutcomes,
  listSuggestions,
  type EventDocument,
  type Outcome,
} from '../../api-event-outcomes.ts';
import type { EventView } from '../../api-events.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { CommitmentList } from './CommitmentList.tsx';
import { useParticipantList } from './common.tsx';
import { CommitmentForm, DocumentForm, OutcomeForm } from './OutcomeForms.tsx';

const TAKEN_PLACE: ReadonlyArray<EventView['status']> = ['held', 'report_published'];

export function EventOutcomes({ event: e }: { event: EventView }) {
  const { t } = useFormat();
  const auth = useAuth();
  const id = useId();
  const manage = auth.can('outcomes.manage');
  const held = TAKEN_PLACE.includes(e.status);
  const deps = [e.id, auth.user?.id];
  const documents = useResource((signal) => listDocuments(e.id, signal), deps);
  const outcomes = useResource((signal) => listOutcomes(e.id, signal), deps);
  const commitments = useResource((signal) => listEventCommitments(e.id, signal), deps);
  const suggestions = useResource(
    (signal) => (manage && held ? listSuggestions(e.id, signal) : Promise.resolve([])),
    [...deps, manage, held],
  );
  const commitmentsChanged = () => {
    commitments.reload();
    suggestions.reload();
  };
  const error = documents.error ?? outcomes.error ?? commitments.error;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="event-outcomes">
      <h2 id={`${id}-h`}>{t('outcomes.heading')}</h2>
      {error !== undefined && <ProblemAlert error={error} onRetry={commitmentsChanged} />}
      <h3>{t('outcomes.documents.heading')}</h3>
      {documents.data && <Documents documents={documents.data} />}
      {manage && <DocumentForm eventId={e.id} onAdded={documents.reload} />}
      <h3>{t('outcomes.outcomes.heading')}</h3>
      {outcomes.data && <Outcomes outcomes={outcomes.data} />}
      {manage && !held && <p className="hint">{t('outcomes.outcomes.notHeld')}</p>}
      {manage && held && <OutcomeForm eventId={e.id} onRecorded={outcomes.reload} />}
      <h3>{t('outcomes.commitments.heading')}</h3>
      {commitments.data &&
        (commitments.data.commitments.length === 0 ? (
          <p data-testid="no-commitments">{t('outcomes.commitments.none')}</p>
        ) : (
          <CommitmentList
            commitments={commitments.data.commitments}
            level={4}
            {...(manage
              ? {
                  manage: {
                    candidates: (c: number) =>
                      suggestions.data?.find((s) => s.commitmentId === c)?.candidates ?? [],
                    onChanged: commitmentsChanged,
                  },
                }
              : {})}
          />
        ))}
      <p>
        <Link to="/commitments">{t('outcomes.commitments.all')}</Link>
      </p>
      {manage && held && <NewCommitment eventId={e.id} onRecorded={commitmentsChanged} />}
    </section>
  );
}

function NewCommitment({ eventId, onRecorded }: { eventId: number; onRecorded: () => void }) {
  const { participants } = useParticipantList();
  const instruments = useResource((signal) => listInstruments(signal), []);
  if (!participants.data || !instruments.data) return null;
  return (
    <CommitmentForm
      eventId={eventId}
      states={participants.data}
      instruments={instruments.data}
      onRecorded={onRecorded}
    />
  );
}

function Documents({ documents }: { documents: readonly EventDocument[] }) {
  const { t } = useFormat();
  if (documents.length === 0) return <p>{t('outcomes.documents.none')}</p>;
  const languages = [...new Set(documents.map((d) => d.language))];
  return (
    <dl className="details" data-testid="event-documents">
      {languages.map((l) => (
        <div key={l}>
          <dt>{t(`events.languages.${l}`)}</dt>
          <dd>
            <ul className="plain-list">
              {documents
                .filter((d) => d.language === l)
                .map((d) => (
                  <li key={d.id} data-document={d.id}>
                    <a href={d.url} rel="noopener noreferrer external" lang={d.language}>
                      {d.title}
                    </a>{' '}
                    ({t(`outcomes.documents.kinds.${d.kind}`)}
                    {d.symbol && (
                      <>
                        , {t('outcomes.documents.symbol')} <span lang="en">{d.symbol}</span>
                      </>
                    )}
                    )
                  </li>
                ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Outcomes({ outcomes }: { outcomes: readonly Outcome[] }) {
  const { t, date } = useFormat();
  if (outcomes.length === 0) return <p>{t('outcomes.outcomes.none')}</p>;
  return (
    <ul className="plain-list" data-testid="event-outcome-list">
      {outcomes.map((o) => (
        <li key={o.id} className="card" data-outcome={o.id}>
          <p>
            <strong lang="en">{o.title}</strong>
            <br />
            {t('outcomes.outcomes.adopted', {
              kind: t(`outcomes.outcomes.kinds.${o.kind}`),
              date: date(o.adoptedOn),
            })}
          </p>
          <details>
            <summary>{t('outcomes.outcomes.text')}</summary>
            <p lang="en" className="event-description">
              {o.text}
            </p>
          </details>
        </li>
      ))}
    </ul>
  );
}
