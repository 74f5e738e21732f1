// A payment, against a pledge or not, with the conversion to US dollars the server made and the pledge's
// standing after it.
import { useEffect, useState } from 'react';
import { recordPayment, type Pledge, type Transaction } from '../../../api-fund.ts';
import { todayIso } from '../../../format.ts';
import { Link } from '../../../router.tsx';
import { useFormat } from '../../../useFormat.ts';
import { Notice, SelectField, TextAreaField, TextField } from '../../forms.tsx';
import { FormShell, optional, required, useForm } from '../../useForm.tsx';
import {
  AmountField,
  CurrencySelect,
  DateField,
  DonorSelect,
  EarmarkSelect,
  usePledgeLabel,
  PledgeSummary,
  SourceOfFunds,
  type PledgeFormProps,
} from './fields.tsx';

export function PaymentForm({ donors, earmarks, currencies, pledges, pledgeId, reload }: PledgeFormProps) {
  const { t } = useFormat();
  const pledgeLabel = usePledgeLabel();
  const [recorded, setRecorded] = useState<Transaction | null>(null);
  // The pledge list is reloaded after a payment; until it is, the pledge's standing is not shown.
  const [stale, setStale] = useState(false);
  useEffect(() => setStale(false), [pledges]);
  const start = pledges.find((p) => p.id === pledgeId);
  const form = useForm({
    initial: () => ({
      donorId: start?.donorId ?? '',
      pledgeId: start ? String(start.id) : '',
      receivedOn: todayIso(),
      currency: start?.pledged.currency ?? 'USD',
      amount: '',
      earmarkId: '',
      sourceOfFunds: '',
      reference: '',
      memo: '',
    }),
    fields: () => [
      'donorId',
      'pledgeId',
      'receivedOn',
      'currency',
      'amount',
      'earmarkId',
      'sourceOfFunds',
      'reference',
      'memo',
    ],
    check: (v) =>
      required(v, {
        donorId: t('fundRecord.required.donor'),
        receivedOn: t('fundRecord.required.date'),
        currency: t('fundRecord.required.currency'),
        amount: t('fundRecord.required.amount'),
        ...(v.pledgeId ? {} : { earmarkId: t('fundRecord.required.earmarkPayment') }),
      }),
    send: (v, key) =>
      recordPayment(
        {
          donorId: v.donorId,
          pledgeId: v.pledgeId ? Number(v.pledgeId) : null,
          receivedOn: v.receivedOn,
          currency: v.currency,
          amount: v.amount.trim(),
          earmarkId: v.pledgeId ? null : v.earmarkId || null,
          sourceOfFunds: (v.sourceOfFunds || null) as Pledge['sourceOfFunds'] | null,
          reference: optional(v.reference),
          memo: optional(v.memo),
        },
        key,
      ),
    done: (transaction) => {
      setRecorded(transaction);
      setStale(true);
      reload();
      form.setValues((old) => ({ ...old, amount: '', reference: '', memo: '' }));
    },
  });
  const v = form.values;
  const open = pledges.filter(
    (p) => p.donorId === v.donorId && !['written_off', 'closed', 'paid'].includes(p.status),
  );
  const chosen = pledges.find((p) => String(p.id) === v.pledgeId);
  const paidPledge = stale ? undefined : pledges.find((p) => p.id === recorded?.payment?.pledgeId);
  return (
    <>
      {recorded?.payment && (
        <Notice focusKey={recorded.id} testId="outcome">
          <h3>{t('fundRecord.paymentRecorded', { id: recorded.id })}</h3>
          <p className="effect-sentence" data-testid="conversion">
            <Conversion payment={recorded.payment} />
          </p>
          <p className="hint">
            {t('fundRecord.rateSource')} <span lang="en">{recorded.payment.rateSource}</span>
          </p>
          {paidPledge && (
            <PledgeSummary
              pledge={paidPledge}
              lead={t('fundRecord.pledgeAfterPayment', { id: paidPledge.id })}
              testId="pledge-after"
            />
          )}
          <p>
            <Link to={`/fund/donors/${encodeURIComponent(recorded.payment.donorId)}`}>
              {t('fundRecord.seeStatement')}
            </Link>
          </p>
        </Notice>
      )}
      <FormShell
        form={form}
        submit={t('fundRecord.recordPayment')}
        working={t('fundRecord.working')}
        testId="payment-form"
      >
        <DonorSelect
          bound={{
            ...form.bind('donorId'),
            onChange: (e) => form.setValues((old) => ({ ...old, donorId: e.target.value, pledgeId: '' })),
          }}
          donors={donors}
        />
        <SelectField
          label={t('fundRecord.pledgeOptional')}
          hint={t('fundRecord.pledgeOptionalHint')}
          {...form.bind('pledgeId')}
          onChange={(e) => {
            const p = pledges.find((x) => String(x.id) === e.target.value);
            form.setValues((old) => ({
              ...old,
              pledgeId: e.target.value,
              ...(p ? { currency: p.pledged.currency } : {}),
            }));
          }}
        >
          <option value="">{t('fundRecord.noPledge')}</option>
          {(chosen && !open.includes(chosen) ? [chosen, ...open] : open).map((p) => (
            <option key={p.id} value={p.id}>
              {pledgeLabel(p)}
            </option>
          ))}
        </SelectField>
        {chosen && <PledgeSummary pledge={chosen} />}
        <DateField
          bound={form.bind('receivedOn')}
          label={t('fundRecord.receivedOn')}
          hint={t('fundRecord.receivedOnHint')}
        />
        <CurrencySelect
          bound={form.bind('currency')}
          currencies={currencies}
          hint={chosen ? t('fundRecord.currencyOfPledge') : undefined}
        />
        <AmountField
          bound={form.bind('amount')}
          currency={v.currency}
          currencies={currencies}
          label={t('fundRecord.amountReceived')}
        />
        {!v.pledgeId && (
          <EarmarkSelect
            bound={form.bind('earmarkId')}
            earmarks={earmarks}
            hint={t('fundRecord.earmarkPaymentHint')}
          />
        )}
        <SourceOfFunds bound={form.bind('sourceOfFunds')} allowDefault />
        <TextField
          label={t('fundRecord.reference')}
          hint={t('fundRecord.paymentRefHint')}
          {...form.bind('reference')}
        />
        <TextAreaField label={t('fundRecord.memo')} rows={2} {...form.bind('memo')} />
      </FormShell>
    </>
  );
}

/** "250000.00 EUR at 0.926 EUR/USD (2026-03) = 269978.40 USD": the server's figures, as it stored them. */
export function Conversion({ payment }: { payment: NonNullable<Transaction['payment']> }) {
  const { t } = useFormat();
  if (payment.received.currency === payment.usd.currency)
    return (
      <>
        {t('fundRecord.noConversion', {
          amount: payment.received.amount,
          currency: payment.received.currency,
        })}
      </>
    );
  return (
    <>
      {t('fundRecord.conversion', {
        amount: payment.received.amount,
        currency: payment.received.currency,
        rate: payment.rate,
        month: payment.rateMonth,
        usd: payment.usd.amount,
      })}
    </>
  );
}
