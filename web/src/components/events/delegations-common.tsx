// What the delegation pages share: a person's status badge, sizes of files as people read them, the link to a
// delegation's note verbale, and the table of a delegation's people with each one's status and the
// Secretariat's reason. Names are written as the State gave them (lang="en" is not assumed: they are names).
import type { Delegate, Delegation, DelegateStatus } from '../../api-delegations.ts';
import { delegationNoteUrl } from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { DataTable } from '../DataTable.tsx';
import { Empty } from '../Empty.tsx';
import { fullName } from './registration-model.ts';

/** The badge's colours: the assistance workflow's (styles.css), by where a person's registration stands. */
const TONE: Record<DelegateStatus, string> = {
  pending: 'request-submitted',
  approved: 'request-approved',
  changes_requested: 'request-declined',
  refused: 'request-declined',
  waitlisted: '',
  withdrawn: 'request-withdrawn',
};

export function DelegateStatusBadge({ status }: { status: DelegateStatus }) {
  const { t } = useFormat();
  return (
    <span className={`request-status ${TONE[status]}`} data-testid="delegate-status">
      {t(`delegations.status.${status}`)}
    </span>
  );
}

/** "840 KB", "5 MB": a file's size as people read it. */
export function useFileSize(): (bytes: number) => string {
  const { t, number } = useFormat();
  return (bytes) =>
    bytes >= 1024 * 1024
      ? t('delegations.size.mb', { n: number(Math.round((bytes / (1024 * 1024)) * 10) / 10) })
      : t('delegations.size.kb', { n: number(Math.max(1, Math.ceil(bytes / 1024))) });
}

export function NoteVerbaleLink({ eventId, delegation }: { eventId: number; delegation: Delegation }) {
  const { t } = useFormat();
  const size = useFileSize();
  if (!delegation.noteVerbale.available) return <>{t('delegations.note.erased')}</>;
  return (
    <a href={delegationNoteUrl(eventId, delegation.id)} download data-testid="note-verbale-link">
      {t('delegations.note.link')}
      <span className="visually-hidden">
        {' — '}
        {t('delegations.note.of', { state: delegation.state.name })}
      </span>{' '}
      ({size(delegation.noteVerbale.size)})
    </a>
  );
}

/** A person's name, or the mark of erased personal data. */
export function PersonName({
  person,
}: {
  person: Pick<Delegate, 'title' | 'givenName' | 'familyName' | 'erased'>;
}) {
  const { t } = useFormat();
  return person.erased ? <>{t('delegations.erased')}</> : <>{fullName(person)}</>;
}

/** Every person of a delegation (withdrawn and refused ones too: they are its history), read-only. */
export function DelegatesTable({ delegation }: { delegation: Delegation }) {
  const { t } = useFormat();
  return (
    <div className="delegates-frame">
      <DataTable
        testId="delegates-table"
        captionHidden
        caption={t('delegations.current.caption', { state: delegation.state.name })}
        rowHeader={{
          key: 'name',
          label: t('delegations.person.name'),
          cell: (d) => <PersonName person={d} />,
        }}
        columns={[
          {
            key: 'position',
            label: t('delegations.person.position'),
            cell: (d) => t(`delegations.position.${d.position}`),
          },
          {
            key: 'category',
            label: t('delegations.person.category'),
            cell: (d) => t(`delegations.category.${d.category}`),
          },
          { key: 'function', label: t('delegations.person.function'), cell: (d) => d.function ?? <Empty /> },
          {
            key: 'status',
            label: t('delegations.person.status'),
            cell: (d) => <DelegateStatusBadge status={d.status} />,
          },
          {
            key: 'reason',
            label: t('delegations.person.reason'),
            lang: 'en',
            cell: (d) => (d.reason ? <span data-testid="delegate-reason">{d.reason}</span> : <Empty />),
          },
        ]}
        rows={delegation.delegates}
        rowKey={(d) => d.id}
        rowData={(d) => ({ delegate: d.id, status: d.status })}
      />
    </div>
  );
}
