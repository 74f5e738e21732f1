// An earmark: what contributions to it may pay for (its IATI category, an instrument, a region, a country).
import { useState } from 'react';
import { defineEarmark, type Earmark, type NewEarmark } from '../../../api-fund.ts';
import { listInstruments } from '../../../api.ts';
import { useFormat } from '../../../useFormat.ts';
import { useResource } from '../../../useResource.ts';
import { regionLabel } from '../../dataLabels.ts';
import { instrumentShortTitle } from '../../instrumentNames.ts';
import { SpecForm } from '../../SpecForm.tsx';
import { useParticipantChoices } from './fields.tsx';

const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

export function EarmarkForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useFormat();
  const instruments = useResource(listInstruments, []);
  const countries = useParticipantChoices().options;
  const [recorded, setRecorded] = useState<Earmark | null>(null);
  return (
    <SpecForm
      testId="earmark-form"
      initial={{ iatiCategory: '3' }}
      fields={[
        {
          name: 'id',
          label: t('fundRecord.earmarkId'),
          hint: t('fundRecord.earmarkIdHint'),
          required: t('fundRecord.required.earmarkId'),
        },
        { name: 'name', label: t('fundRecord.name'), required: t('fundRecord.required.name') },
        {
          name: 'iatiCategory',
          label: t('fundRecord.iatiCategory'),
          hint: t('fundRecord.iatiCategoryHint'),
          kind: 'radio',
          options: (['1', '2', '3', '4'] as const).map((c) => ({
            value: c,
            label: t(`fundRecord.iati.${c}`),
          })),
        },
        {
          name: 'instrumentId',
          label: t('controls.instrument'),
          kind: 'select',
          placeholder: t('fundRecord.any'),
          options: (instruments.data ?? []).map((i) => ({ value: i.id, label: instrumentShortTitle(t, i) })),
        },
        {
          name: 'region',
          label: t('filters.region'),
          kind: 'select',
          placeholder: t('fundRecord.any'),
          options: REGIONS.map((r) => ({ value: r, label: regionLabel(t, r) })),
        },
        {
          name: 'countryId',
          label: t('fundRecord.country'),
          kind: 'select',
          placeholder: t('fundRecord.any'),
          options: countries,
        },
        { name: 'theme', label: t('fundRecord.theme'), hint: t('fundRecord.themeHint') },
        { name: 'projectRef', label: t('fundRecord.projectRef'), hint: t('fundRecord.projectRefHint') },
      ]}
      submit={t('fundRecord.recordEarmark')}
      working={t('fundRecord.working')}
      send={(body, key) =>
        defineEarmark(
          {
            ...(body as unknown as NewEarmark),
            purpose: body.iatiCategory === '1' ? 'general' : 'special',
            iatiCategory: Number(body.iatiCategory ?? '3') as 1 | 2 | 3 | 4,
          },
          key,
        )
      }
      done={(earmark) => {
        setRecorded(earmark);
        onRecorded();
      }}
      noticeKey={recorded?.id}
      notice={recorded && <h3>{t('fundRecord.earmarkRecorded', { name: recorded.name })}</h3>}
    />
  );
}
