// One rate of exchange (the UN operational rate of a month).
import { useState } from 'react';
import { recordRate, type Currency, type Rate } from '../../../api-fund.ts';
import { todayIso } from '../../../format.ts';
import { Link } from '../../../router.tsx';
import { useFormat } from '../../../useFormat.ts';
import { Notice, TextField } from '../../forms.tsx';
import { FormShell, required, useForm } from '../../useForm.tsx';
import { CurrencySelect } from './fields.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A rate of exchange: a month input (year-month, checked here, with its message at the field). After each
 * rate the month and source stay for the next one, since the UN publishes the rates of a month together.
 */
export function RateForm({ currencies }: { currencies: Currency[] }) {
  const { t } = useFormat();
  const [recorded, setRecorded] = useState<Rate | null>(null);
  const form = useForm({
    initial: () => ({ currency: '', month: todayIso().slice(0, 7), rate: '', source: '' }),
    fields: () => ['currency', 'month', 'rate', 'source'],
    check: (v) => ({
      ...required(v, {
        currency: t('fundRecord.required.currency'),
        month: t('fundRecord.required.month'),
        rate: t('fundRecord.required.rate'),
        source: t('fundRecord.required.source'),
      }),
      ...(v.month.trim() && !MONTH.test(v.month.trim())
        ? { month: { text: t('fundRecord.monthInvalid') } }
        : {}),
    }),
    send: (v, key) =>
      recordRate(
        { currency: v.currency, month: v.month.trim(), rate: v.rate.trim(), source: v.source.trim() },
        key,
      ),
    done: (rate, v) => {
      setRecorded(rate);
      form.setValues({ currency: '', month: v.month.trim(), rate: '', source: v.source });
    },
  });
  return (
    <div data-testid="rate-form">
      <div className="hint">{t('fundRecord.rateLead')}</div>
      {recorded && (
        <Notice focusKey={`${recorded.currency}-${recorded.month}`} testId="outcome">
          <h3>{t('fundRecord.rateRecorded')}</h3>
          <p data-testid="rate-recorded">
            {t('fundRecord.rateSentence', {
              rate: recorded.rate,
              currency: recorded.currency,
              month: recorded.month,
            })}
          </p>
          <p>
            <Link to="/fund/rates">{t('fundRecord.seeRates')}</Link>
          </p>
        </Notice>
      )}
      <FormShell form={form} submit={t('fundRecord.recordRate')} working={t('fundRecord.working')}>
        <CurrencySelect
          bound={form.bind('currency')}
          currencies={currencies.filter((c) => c.code !== 'USD')}
        />
        <TextField
          type="month"
          label={t('fundRecord.month')}
          hint={t('fundRecord.monthHint')}
          {...form.bind('month')}
        />
        <TextField
          label={t('fundRecord.rate')}
          hint={t('fundRecord.rateHint')}
          inputMode="decimal"
          autoComplete="off"
          {...form.bind('rate')}
        />
        <TextField
          label={t('fundRecord.source')}
          hint={t('fundRecord.rateSourceHint')}
          {...form.bind('source')}
        />
      </FormShell>
    </div>
  );
}
