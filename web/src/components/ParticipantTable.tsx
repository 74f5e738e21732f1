import type { ParticipantStatus } from '../api.ts';
import { useFormat } from '../useFormat.ts';
import { ParticipantRow } from './ParticipantRow.tsx';

interface Props {
  caption: string;
  participants: ParticipantStatus[];
}

/** The participants table: one row per participant with any action in effect on the date. */
export function ParticipantTable({ caption, participants }: Props) {
  const { t } = useFormat();
  return (
    <div className="table-scroll">
      <table className="participants">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.columns.participant')}</th>
            <th scope="col">{t('table.columns.region')}</th>
            <th scope="col">{t('table.columns.unGroup')}</th>
            <th scope="col">{t('table.columns.state')}</th>
            <th scope="col">{t('table.columns.signature')}</th>
            <th scope="col">{t('table.columns.consent')}</th>
            <th scope="col">{t('table.columns.eif')}</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <ParticipantRow key={p.participantId} p={p} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
