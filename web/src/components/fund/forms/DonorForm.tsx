// A donor: a State or organization of the registry (its id and name filled in from it), or another kind.
import { useState } from 'react';
import { DONOR_KINDS, recordDonor, type Donor, type NewDonor } from '../../../api-fund.ts';
import { Link } from '../../../router.tsx';
import { useFormat } from '../../../useFormat.ts';
import { SpecForm } from '../../SpecForm.tsx';
import { useParticipantChoices } from './fields.tsx';

export function DonorForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useFormat();
  const { participants, options } = useParticipantChoices();
  const [recorded, setRecorded] = useState<Donor | null>(null);
  return (
    <SpecForm
      testId="donor-form"
      initial={{ kind: 'state' }}
      fields={[
        {
          name: 'kind',
          label: t('fundRecord.donorKind'),
          kind: 'select',
          options: DONOR_KINDS.map((k) => ({ value: k, label: t(`donors.kind.${k}`) })),
          required: t('fundRecord.required.donorKind'),
        },
        {
          name: 'participantId',
          label: t('fundRecord.participant'),
          hint: t('fundRecord.participantHint'),
          kind: 'select',
          placeholder: t('fundRecord.none'),
          when: (v) => v.kind === 'state' || v.kind === 'igo',
          options,
          effect: (value, v) => {
            const p = participants.find((x) => x.id === value);
            return p ? { id: v.id || p.id, name: v.name || p.name } : ({} as Record<string, string>);
          },
        },
        {
          name: 'id',
          label: t('fundRecord.donorId'),
          hint: t('fundRecord.donorIdHint'),
          required: t('fundRecord.required.donorId'),
        },
        { name: 'name', label: t('fundRecord.name'), required: t('fundRecord.required.name') },
      ]}
      submit={t('fundRecord.recordDonor')}
      working={t('fundRecord.working')}
      send={(body, key) => recordDonor(body as unknown as NewDonor, key)}
      done={(donor) => {
        setRecorded(donor);
        onRecorded();
      }}
      noticeKey={recorded?.id}
      notice={
        recorded && (
          <>
            <h3>{t('fundRecord.donorRecorded', { name: recorded.name })}</h3>
            <p>
              <Link to="/fund/record?what=pledge">{t('fundRecord.nextPledge')}</Link>
            </p>
          </>
        )
      }
    />
  );
}
