// A pledge with its instalments (their sum compared with the pledge as they are typed); the server checks the
// rest and its messages are shown at the field they name.
import { useState } from 'react';
import { recordPledge, type Pledge } from '../../../api-fund.ts';
import { todayIso } from '../../../format.ts';
import { compareDecimals, sumDecimals } from '../../../money.ts';
import { useFormat } from '../../../useFormat.ts';
import { FieldMessages, Notice, TextAreaField, TextField } from '../../forms.tsx';
import { FormShell, optional, required, useForm } from '../../useForm.tsx';
import { PledgeStatusBadge, useFundNames, useMoney } from '../common.tsx';
import {
  AmountField,
  CurrencySelect,
  DateField,
  DonorSelect,
  EarmarkSelect,
  NextSteps,
  SourceOfFunds,
  type Reference,
} from './fields.tsx';

interface PledgeValues {
  donorId: string;
  pledgedOn: string;
  currency: string;
  amount: string;
  earmarkId: string;
  sourceOfFunds: string;
  periodFrom: string;
  periodTo: string;
  conditions: string;
  documentRef: string;
  instalments: Array<{ dueOn: string; amount: string }>;
}

export function PledgeForm({ donors, earmarks, currencies }: Reference) {
  const { t } = useFormat();
  const money = useMoney();
  const { donorName, earmarkName } = useFundNames();
  const [recorded, setRecorded] = useState<Pledge | null>(null);
  const form = useForm<PledgeValues, Pledge>({
    initial: () => ({
      donorId: '',
      pledgedOn: todayIso(),
      currency: 'USD',
      amount: '',
      earmarkId: 'GENERAL',
      sourceOfFunds: 'voluntary',
      periodFrom: '',
      periodTo: '',
      conditions: '',
      documentRef: '',
      instalments: [],
    }),
    fields: (v) => [
      'donorId',
      'pledgedOn',
      'currency',
      'amount',
      'earmarkId',
      'sourceOfFunds',
      'periodFrom',
      'periodTo',
      'instalments',
      ...v.instalments.flatMap((_, i) => [`instalments.${i}.dueOn`, `instalments.${i}.amount`]),
      'conditions',
      'documentRef',
    ],
    check: (v) => {
      const out = required(v, {
        donorId: t('fundRecord.required.donor'),
        pledgedOn: t('fundRecord.required.date'),
        currency: t('fundRecord.required.currency'),
        amount: t('fundRecord.required.amount'),
        earmarkId: t('fundRecord.required.earmark'),
      });
      v.instalments.forEach((i, n) => {
        if (!i.dueOn) out[`instalments.${n}.dueOn`] = { text: t('fundRecord.required.dueOn', { n: n + 1 }) };
        if (!i.amount.trim())
          out[`instalments.${n}.amount`] = { text: t('fundRecord.required.instalmentAmount', { n: n + 1 }) };
      });
      return out;
    },
    send: (v, key) =>
      recordPledge(
        {
          donorId: v.donorId,
          pledgedOn: v.pledgedOn,
          currency: v.currency,
          amount: v.amount.trim(),
          earmarkId: v.earmarkId,
          sourceOfFunds: v.sourceOfFunds as Pledge['sourceOfFunds'],
          periodFrom: v.periodFrom || null,
          periodTo: v.periodTo || null,
          instalments: v.instalments.map((i) => ({ dueOn: i.dueOn, amount: i.amount.trim() })),
          conditions: optional(v.conditions),
          documentRef: optional(v.documentRef),
        },
        key,
      ),
    done: (pledge) => {
      setRecorded(pledge);
      form.reset();
    },
  });
  const v = form.values;
  const setInstalment = (n: number, field: 'dueOn' | 'amount', value: string) =>
    form.setValues((old) => ({
      ...old,
      instalments: old.instalments.map((i, k) => (k === n ? { ...i, [field]: value } : i)),
    }));
  const instalmentSum = (() => {
    try {
      return sumDecimals(
        v.instalments.map((i) => i.amount.trim() || '0'),
        0,
      );
    } catch {
      return null;
    }
  })();
  return (
    <>
      {recorded && (
        <Notice focusKey={recorded.id} testId="outcome">
          <h3>{t('fundRecord.pledgeRecorded', { id: recorded.id })}</h3>
          <p>
            {t('fundRecord.pledgeSummary', {
              donor: donorName(recorded.donorId),
              amount: money(recorded.pledged.amount, recorded.pledged.currency),
              earmark: earmarkName(recorded.earmarkId),
            })}{' '}
            <PledgeStatusBadge status={recorded.status} />
          </p>
          <NextSteps pledge={recorded} />
        </Notice>
      )}
      <FormShell
        form={form}
        submit={t('fundRecord.recordPledge')}
        working={t('fundRecord.working')}
        testId="pledge-form"
      >
        <DonorSelect bound={form.bind('donorId')} donors={donors} />
        <DateField bound={form.bind('pledgedOn')} label={t('fundRecord.pledgedOn')} />
        <CurrencySelect bound={form.bind('currency')} currencies={currencies} />
        <AmountField
          bound={form.bind('amount')}
          currency={v.currency}
          currencies={currencies}
          label={t('fundRecord.amountPledged')}
        />
        <EarmarkSelect bound={form.bind('earmarkId')} earmarks={earmarks} />
        <SourceOfFunds bound={form.bind('sourceOfFunds')} />
        <div className="field-pair">
          <DateField bound={form.bind('periodFrom')} label={t('fundRecord.periodFrom')} />
          <DateField bound={form.bind('periodTo')} label={t('fundRecord.periodTo')} />
        </div>
        <fieldset
          className={`field instalments${form.errors.fields.instalments ? ' field-invalid' : ''}`}
          id={form.fieldId('instalments')}
          tabIndex={-1}
          aria-describedby={`${form.fieldId('instalments')}-hint${form.errors.fields.instalments ? ` ${form.fieldId('instalments')}-error` : ''}`}
        >
          <legend>{t('fundRecord.instalments')}</legend>
          <FieldMessages
            id={form.fieldId('instalments')}
            hint={t('fundRecord.instalmentsHint')}
            error={form.errors.fields.instalments}
          />
          {v.instalments.map((i, n) => {
            const path = (f: string) => `instalments.${n}.${f}`;
            return (
              <div className="instalment" key={n}>
                <TextField
                  type="date"
                  id={form.fieldId(path('dueOn'))}
                  label={t('fundRecord.instalmentDue', { n: n + 1 })}
                  error={form.errors.fields[path('dueOn')]}
                  value={i.dueOn}
                  onChange={(e) => setInstalment(n, 'dueOn', e.target.value)}
                />
                <TextField
                  id={form.fieldId(path('amount'))}
                  label={t('fundRecord.instalmentAmount', { n: n + 1 })}
                  error={form.errors.fields[path('amount')]}
                  value={i.amount}
                  inputMode="decimal"
                  autoComplete="off"
                  onChange={(e) => setInstalment(n, 'amount', e.target.value)}
                />
                <button
                  type="button"
                  className="secondary small"
                  onClick={() =>
                    form.setValues((old) => ({
                      ...old,
                      instalments: old.instalments.filter((_, k) => k !== n),
                    }))
                  }
                >
                  {t('fundRecord.removeInstalment', { n: n + 1 })}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              form.setValues((old) => ({
                ...old,
                instalments: [...old.instalments, { dueOn: '', amount: '' }],
              }))
            }
          >
            {t('fundRecord.addInstalment')}
          </button>
          {v.instalments.length > 0 && instalmentSum !== null && v.amount.trim() && v.currency && (
            <p className="hint" aria-live="polite" data-testid="instalment-sum">
              {compareDecimals(instalmentSum, safeDecimal(v.amount)) === 0
                ? t('fundRecord.instalmentsMatch', { sum: money(instalmentSum, v.currency) })
                : t('fundRecord.instalmentsDiffer', {
                    sum: money(instalmentSum, v.currency),
                    amount: money(v.amount.trim(), v.currency),
                  })}
            </p>
          )}
        </fieldset>
        <TextAreaField label={t('fundRecord.conditions')} rows={2} {...form.bind('conditions')} />
        <TextField
          label={t('fundRecord.documentRef')}
          hint={t('fundRecord.documentRefHint')}
          {...form.bind('documentRef')}
        />
      </FormShell>
    </>
  );
}

function safeDecimal(text: string): string {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? text.trim() : '0';
}
