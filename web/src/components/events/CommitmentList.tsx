// Commitments as a list (the event page and /commitments): the State and instrument, what it intends, the
// commitment as worded, by when, its status as at today (open, overdue, met, withdrawn) with the registry
// action that met it or the reason it was withdrawn. With `manage`, an open commitment can be marked met by
// choosing the registry action among those that would meet it, or withdrawn with a reason.
import type { Candidate, Commitment, CommitmentStatus } from '../../api-event-outcomes.ts';
import { markCommitmentMet, withdrawCommitment } from '../../api-event-outcomes.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { SelectField, TextAreaField } from '../forms.tsx';
import { FormShell, required, useForm } from '../useForm.tsx';
import { instrumentNames } from './common.tsx';

const TONE: Record<CommitmentStatus, string> = {
  open: 'request-submitted',
  overdue: 'request-declined',
  met: 'request-completed',
  withdrawn: '',
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useFormat();
  return (
    <span className={`request-status ${TONE[status]}`} data-testid="commitment-status">
      {t(`outcomes.commitments.statuses.${status}`)}
    </span>
  );
}

export function CommitmentList({
  commitments,
  level,
  showEvent = false,
  manage,
}: {
  commitments: readonly Commitment[];
  /** The heading level of each commitment (3 in a section of a page, 2 on a page of its own). */
  level: 2 | 4;
  showEvent?: boolean;
  /** The Secretariat's actions: the registry actions that would meet each open commitment, and a reload. */
  manage?: { candidates: (commitmentId: number) => readonly Candidate[]; onChanged: () => void };
}) {
  const { t, date } = useFormat();
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <ul className="plain-list commitment-list">
      {commitments.map((c) => (
        <li
          key={c.id}
          className="card"
          data-testid="commitment-row"
          data-commitment={c.id}
          data-status={c.status}
        >
          <Heading>
            <span lang="en">{c.state.name}</span> — {instrumentNames(t, [c.instrumentId])}
          </Heading>
          <dl className="details">
            <div>
              <dt>{t('outcomes.commitments.status')}</dt>
              <dd>
                <CommitmentStatusBadge status={c.status} />
              </dd>
            </div>
            <div>
              <dt>{t('outcomes.commitments.intends')}</dt>
              <dd>{t(`outcomes.commitments.kinds.${c.what}`)}</dd>
            </div>
            <div>
              <dt>{t('outcomes.commitments.words')}</dt>
              <dd lang="en">{c.text}</dd>
            </div>
            <div>
              <dt>{t('outcomes.commitments.due')}</dt>
              <dd>{c.due ? date(c.due) : t('outcomes.commitments.noDue')}</dd>
            </div>
            {c.metBy && (
              <div>
                <dt>{t('outcomes.commitments.metBy')}</dt>
                <dd data-testid="commitment-met-by">
                  {t('outcomes.commitments.metByText', {
                    kind: t(`actionKind.${c.metBy.kind}`),
                    date: c.metBy.date ? date(c.metBy.date) : t('common.unknownDate'),
                    id: c.metBy.actionId,
                  })}
                </dd>
              </div>
            )}
            {c.withdrawnReason && (
              <div>
                <dt>{t('outcomes.commitments.withdrawnReason')}</dt>
                <dd lang="en">{c.withdrawnReason}</dd>
              </div>
            )}
            {showEvent && (
              <div>
                <dt>{t('outcomes.commitments.event')}</dt>
                <dd>
                  <Link to={`/events/${c.event.id}`} lang="en">
                    {c.event.title}
                  </Link>{' '}
                  ({date(c.event.start)})
                </dd>
              </div>
            )}
          </dl>
          {manage && (c.status === 'open' || c.status === 'overdue') && (
            <>
              <MetForm commitment={c} candidates={manage.candidates(c.id)} onChanged={manage.onChanged} />
              <WithdrawForm commitment={c} onChanged={manage.onChanged} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function MetForm({
  commitment: c,
  candidates,
  onChanged,
}: {
  commitment: Commitment;
  candidates: readonly Candidate[];
  onChanged: () => void;
}) {
  const { t, date } = useFormat();
  const form = useForm({
    initial: { actionId: '' },
    fields: () => ['actionId'],
    check: (v) => required(v, { actionId: t('outcomes.commitments.met.required') }),
    send: (v, key) => markCommitmentMet(c.id, { actionId: Number(v.actionId) }, key),
    done: () => onChanged(),
  });
  if (candidates.length === 0) {
    return (
      <p className="hint" data-testid="no-candidates">
        {t('outcomes.commitments.met.none')} <Link to="/record">{t('outcomes.commitments.met.record')}</Link>
      </p>
    );
  }
  return (
    <FormShell
      form={form}
      submit={t('outcomes.commitments.met.submit')}
      working={t('events.working')}
      testId="commitment-met-form"
    >
      <SelectField label={t('outcomes.commitments.met.action')} {...form.bind('actionId')}>
        <option value="">{t('record.choose')}</option>
        {candidates.map((a) => (
          <option key={a.actionId} value={String(a.actionId)}>
            {t('outcomes.commitments.met.candidate', {
              kind: t(`actionKind.${a.kind}`),
              date: a.date ? date(a.date) : t('common.unknownDate'),
              id: a.actionId,
            })}
          </option>
        ))}
      </SelectField>
    </FormShell>
  );
}

function WithdrawForm({ commitment: c, onChanged }: { commitment: Commitment; onChanged: () => void }) {
  const { t } = useFormat();
  const form = useForm({
    initial: { reason: '' },
    fields: () => ['reason'],
    check: (v) => required(v, { reason: t('outcomes.commitments.withdraw.required') }),
    send: (v, key) => withdrawCommitment(c.id, { reason: v.reason.trim() }, key),
    done: () => onChanged(),
  });
  return (
    <details className="commitment-withdraw">
      <summary>{t('outcomes.commitments.withdraw.open')}</summary>
      <FormShell
        form={form}
        submit={t('outcomes.commitments.withdraw.submit')}
        working={t('events.working')}
        testId="commitment-withdraw-form"
      >
        <TextAreaField label={t('outcomes.commitments.withdraw.reason')} rows={2} {...form.bind('reason')} />
      </FormShell>
    </details>
  );
}
