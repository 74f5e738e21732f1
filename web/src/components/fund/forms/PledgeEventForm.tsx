// An agreement, a write-off or the closing of a pledge.
import { useState } from 'react';
import { PLEDGE_EVENT_KINDS, recordPledgeEvent, type Pledge } from '../../../api-fund.ts';
import { todayIso } from '../../../format.ts';
import { useFormat } from '../../../useFormat.ts';
import { SpecForm } from '../../SpecForm.tsx';
import { PledgeStatusBadge } from '../common.tsx';
import { NextSteps, PledgeSummary, usePledgeLabel, type PledgeFormProps } from './fields.tsx';

export function PledgeEventForm({ pledges, pledgeId, reload }: PledgeFormProps) {
  const { t } = useFormat();
  const pledgeLabel = usePledgeLabel();
  const [recorded, setRecorded] = useState<Pledge | null>(null);
  const open = pledges.filter((p) => !['written_off', 'closed'].includes(p.status));
  const chosen = (v: Record<string, string>) => pledges.find((p) => String(p.id) === v.pledgeId);
  return (
    <SpecForm
      testId="event-form"
      initial={{
        pledgeId: pledgeId ? String(pledgeId) : '',
        kind: 'agreement',
        happenedOn: todayIso(),
        pscPercent: '13',
      }}
      fields={[
        {
          name: 'pledgeId',
          label: t('fundRecord.pledge'),
          kind: 'select',
          required: t('fundRecord.required.pledge'),
          options: open.map((p) => ({ value: String(p.id), label: pledgeLabel(p) })),
          hint: (v) => {
            const p = chosen(v);
            return p ? <PledgeSummary pledge={p} /> : undefined;
          },
        },
        {
          name: 'kind',
          label: t('fundRecord.eventKind'),
          kind: 'radio',
          options: PLEDGE_EVENT_KINDS.map((k) => ({ value: k, label: t(`fund.eventKind.${k}`) })),
        },
        {
          name: 'happenedOn',
          label: t('fundRecord.happenedOn'),
          kind: 'date',
          required: t('fundRecord.required.date'),
        },
        { name: 'reference', label: t('fundRecord.reference'), hint: t('fundRecord.agreementRefHint') },
        {
          name: 'pscPercent',
          label: t('fundRecord.pscPercent'),
          hint: t('fundRecord.pscPercentHint'),
          kind: 'decimal',
          when: (v) => v.kind === 'agreement',
        },
        {
          name: 'amount',
          label: t('fundRecord.writeOffAmount'),
          hint: t('fundRecord.writeOffAmountHint'),
          kind: 'decimal',
          when: (v) => v.kind === 'write_off',
        },
        { name: 'note', label: t('fundRecord.note'), kind: 'textarea' },
      ]}
      submit={t('fundRecord.recordEvent')}
      working={t('fundRecord.working')}
      send={({ pledgeId: id, ...event }, key) =>
        recordPledgeEvent(
          {
            pledgeId: Number(id),
            event: {
              ...event,
              kind: event.kind as (typeof PLEDGE_EVENT_KINDS)[number],
              happenedOn: event.happenedOn ?? '',
            },
          },
          key,
        )
      }
      done={(pledge) => {
        setRecorded(pledge);
        reload();
      }}
      noticeKey={recorded ? `${recorded.id}-${recorded.events.length}` : undefined}
      notice={
        recorded && (
          <>
            <h3>{t('fundRecord.eventRecorded', { id: recorded.id })}</h3>
            <p>
              {t('fundRecord.statusNow')} <PledgeStatusBadge status={recorded.status} />
            </p>
            <NextSteps pledge={recorded} />
          </>
        )
      }
    />
  );
}
