// A State's registration as it stands: where the delegation is, when it was registered and last changed, its
// note verbale, and each person with their status and the Secretariat's reason. The State's focal point reads
// it on the registration page (above the form to change it) and on the event page; nothing here writes.
import { useId } from 'react';
import type { Delegation } from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { DelegatesTable, NoteVerbaleLink } from './delegations-common.tsx';

export function RegistrationStatus({ eventId, delegation: d }: { eventId: number; delegation: Delegation }) {
  const { t, date } = useFormat();
  const id = useId();
  const asked = d.delegates.filter((p) => p.status === 'changes_requested').length;
  const status = d.status as Delegation['delegates'][number]['status'];
  return (
    <section
      className="card"
      aria-labelledby={`${id}-h`}
      data-testid="registration-status"
      data-state={d.state.id}
    >
      <h2 id={`${id}-h`}>
        {t('delegations.current.heading')} <span lang="en">{d.state.name}</span>
      </h2>
      {asked > 0 && (
        <p className="field-error" data-testid="changes-requested">
          {t('delegations.current.changesAsked', { count: asked })}
        </p>
      )}
      <dl className="details">
        <div>
          <dt>{t('delegations.current.status')}</dt>
          <dd data-testid="delegation-status">{t(`delegations.status.${status}`)}</dd>
        </div>
        <div>
          <dt>{t('delegations.current.submitted')}</dt>
          <dd>{date(d.submittedAt.slice(0, 10))}</dd>
        </div>
        <div>
          <dt>{t('delegations.current.updated')}</dt>
          <dd>{date(d.updatedAt.slice(0, 10))}</dd>
        </div>
        <div>
          <dt>{t('delegations.note.label')}</dt>
          <dd>
            <NoteVerbaleLink eventId={eventId} delegation={d} />
          </dd>
        </div>
      </dl>
      <DelegatesTable delegation={d} />
    </section>
  );
}
