// Recording in the fund ledger (/fund/record, policy fund.record: fund officers and administrators): a
// pledge with its instalments, an agreement / write-off / closing of a pledge, a payment (against a pledge or
// not) with the conversion the server made, a rate of exchange, a donor and an earmark. The form checks only
// what is missing; the server checks the rest and its messages are shown at the field they name. Amounts are
// typed and sent as decimal strings, exactly as written.
import { useEffect, useState, type ReactNode } from 'react';
import {
  defineEarmark,
  DONOR_KINDS,
  listCurrencies,
  listPledges,
  PLEDGE_EVENT_KINDS,
  recordDonor,
  recordPayment,
  recordPledge,
  recordPledgeEvent,
  recordRate,
  SOURCES_OF_FUNDS,
  type Currency,
  type Donor,
  type Earmark,
  type Pledge,
  type NewDonor,
  type NewEarmark,
  type Rate,
  type Transaction,
} from '../../api-fund.ts';
import { listInstruments, listParticipants } from '../../api.ts';
import { todayIso } from '../../format.ts';
import { compareDecimals, sumDecimals } from '../../money.ts';
import { Link, useSearchParam } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { regionLabel } from '../dataLabels.ts';
import { FieldMessages, Notice, SelectField, TextAreaField, TextField } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { SpecForm } from '../SpecForm.tsx';
import { FormShell, optional, required, useForm, type Bound } from '../useForm.tsx';
import { Money, PledgeStatusBadge, useFundNames, useMoney } from './common.tsx';
import { FundNav } from './FundPage.tsx';

const WHAT = ['pledge', 'event', 'payment', 'rate', 'donor', 'earmark'] as const;
type What = (typeof WHAT)[number];

export function FundRecordPage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('fundRecord.title')} nav={<FundNav />} permission="fund.record" narrow>
      <Chooser />
    </PageFrame>
  );
}

function Chooser() {
  const { t } = useFormat();
  const asked = useSearchParam('what');
  const pledge = Number(useSearchParam('pledge') ?? '') || null;
  const what: What = (WHAT as readonly string[]).includes(asked ?? '') ? (asked as What) : 'pledge';
  const names = useFundNames();
  const currencies = useResource(listCurrencies, []);
  const error = names.donors.error ?? names.earmarks.error ?? currencies.error;
  const ready = names.donors.data && names.earmarks.data && currencies.data;
  return (
    <>
      <p>{t('fundRecord.lead')}</p>
      <nav className="choices" aria-label={t('fundRecord.chooseLabel')}>
        <ul>
          {WHAT.map((w) => (
            <li key={w}>
              <Link to={`/fund/record?what=${w}`} aria-current={w === what ? 'page' : undefined}>
                {t(`fundRecord.what.${w}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error !== undefined && <ProblemAlert error={error} />}
      {ready && (
        <section aria-labelledby="record-form-heading">
          <h2 id="record-form-heading">{t(`fundRecord.what.${what}`)}</h2>
          <RecordForm
            key={`${what}-${pledge ?? ''}`}
            what={what}
            pledgeId={pledge}
            donors={names.donors.data as Donor[]}
            earmarks={names.earmarks.data as Earmark[]}
            currencies={currencies.data as Currency[]}
            reloadNames={() => {
              names.donors.reload();
              names.earmarks.reload();
            }}
          />
        </section>
      )}
    </>
  );
}

interface Reference {
  donors: Donor[];
  earmarks: Earmark[];
  currencies: Currency[];
}

function RecordForm(props: Reference & { what: What; pledgeId: number | null; reloadNames: () => void }) {
  switch (props.what) {
    case 'pledge':
      return <PledgeForm {...props} />;
    case 'event':
      return (
        <WithPledges
          {...props}
          render={(pledges, reload) => <PledgeEventForm {...props} pledges={pledges} reload={reload} />}
        />
      );
    case 'payment':
      return (
        <WithPledges
          {...props}
          render={(pledges, reload) => <PaymentForm {...props} pledges={pledges} reload={reload} />}
        />
      );
    case 'rate':
      return <RateForm currencies={props.currencies} />;
    case 'donor':
      return <DonorForm onRecorded={props.reloadNames} />;
    case 'earmark':
      return <EarmarkForm onRecorded={props.reloadNames} />;
  }
}

function WithPledges({ render }: { render: (pledges: Pledge[], reload: () => void) => ReactNode }) {
  const { t } = useFormat();
  const pledges = useResource((signal) => listPledges(null, signal), []);
  if (pledges.error !== undefined) return <ProblemAlert error={pledges.error} onRetry={pledges.reload} />;
  if (!pledges.data)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  return <>{render(pledges.data, pledges.reload)}</>;
}

// ---- shared fields -----------------------------------------------------------------------------------

function DonorSelect({ bound, donors, label }: { bound: Bound; donors: Donor[]; label?: string }) {
  const { t } = useFormat();
  const real = donors.filter((d) => !d.illustrative);
  const demo = donors.filter((d) => d.illustrative);
  return (
    <SelectField label={label ?? t('fundRecord.donor')} {...bound}>
      <option value="">{t('record.choose')}</option>
      {real.map((d) => (
        <option key={d.id} value={d.id} lang="en">
          {d.name} ({d.id})
        </option>
      ))}
      {demo.length > 0 && (
        <optgroup label={t('fund.illustrative.group')}>
          {demo.map((d) => (
            <option key={d.id} value={d.id} lang="en">
              {d.name} ({d.id})
            </option>
          ))}
        </optgroup>
      )}
    </SelectField>
  );
}

function EarmarkSelect({ bound, earmarks, hint }: { bound: Bound; earmarks: Earmark[]; hint?: string }) {
  const { t } = useFormat();
  return (
    <SelectField label={t('fundRecord.earmark')} hint={hint} {...bound}>
      <option value="">{t('record.choose')}</option>
      {earmarks.map((e) => (
        <option key={e.id} value={e.id} lang="en">
          {e.name} ({e.id})
        </option>
      ))}
    </SelectField>
  );
}

function CurrencySelect({
  bound,
  currencies,
  hint,
}: {
  bound: Bound;
  currencies: Currency[];
  hint?: string;
}) {
  const { t } = useFormat();
  return (
    <SelectField label={t('fundRecord.currency')} hint={hint} {...bound}>
      <option value="">{t('record.choose')}</option>
      {currencies.map((c) => (
        <option key={c.code} value={c.code}>
          {c.code} — {c.name}
        </option>
      ))}
    </SelectField>
  );
}

function AmountField({
  bound,
  currency,
  currencies,
  label,
}: {
  bound: Bound;
  currency: string;
  currencies: Currency[];
  label?: string;
}) {
  const { t } = useFormat();
  const c = currencies.find((x) => x.code === currency);
  return (
    <TextField
      label={label ?? t('fundRecord.amount')}
      hint={
        c
          ? t('fundRecord.amountHintCurrency', { code: c.code, count: c.minorUnits })
          : t('fundRecord.amountHint')
      }
      inputMode="decimal"
      autoComplete="off"
      {...bound}
    />
  );
}

function DateField({ bound, label, hint }: { bound: Bound; label: string; hint?: string }) {
  return <TextField type="date" label={label} hint={hint} {...bound} />;
}

function SourceOfFunds({ bound, allowDefault }: { bound: Bound; allowDefault?: boolean }) {
  const { t } = useFormat();
  return (
    <SelectField label={t('fundRecord.sourceOfFunds')} hint={t('fundRecord.sourceOfFundsHint')} {...bound}>
      {allowDefault && <option value="">{t('fundRecord.sourceOfFundsDefault')}</option>}
      {SOURCES_OF_FUNDS.map((s) => (
        <option key={s} value={s}>
          {t(`fund.sourceOfFunds.${s}`)}
        </option>
      ))}
    </SelectField>
  );
}

function pledgeLabel(
  p: Pledge,
  donorName: (id: string) => string,
  money: ReturnType<typeof useMoney>,
  t: ReturnType<typeof useFormat>['t'],
) {
  return t('fundRecord.pledgeOption', {
    id: p.id,
    donor: donorName(p.donorId),
    amount: money(p.pledged.amount, p.pledged.currency),
    status: t(`fund.pledgeStatus.${p.status}`),
    outstanding: money(p.outstanding.amount, p.outstanding.currency),
  });
}

// ---- a pledge ----------------------------------------------------------------------------------------

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

function PledgeForm({ donors, earmarks, currencies }: Reference) {
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

function NextSteps({ pledge }: { pledge: Pledge }) {
  const { t } = useFormat();
  return (
    <p>
      <Link to={`/fund/record?what=event&pledge=${pledge.id}`}>
        {t('fundRecord.nextEvent', { id: pledge.id })}
      </Link>
      {' · '}
      <Link to={`/fund/record?what=payment&pledge=${pledge.id}`}>
        {t('fundRecord.nextPayment', { id: pledge.id })}
      </Link>
      {' · '}
      <Link to={`/fund/donors/${encodeURIComponent(pledge.donorId)}`}>{t('fundRecord.seeStatement')}</Link>
    </p>
  );
}

// ---- an agreement, write-off or closing ---------------------------------------------------------------

function PledgeEventForm({
  pledges,
  pledgeId,
  reload,
}: Reference & { pledges: Pledge[]; pledgeId: number | null; reload: () => void }) {
  const { t } = useFormat();
  const money = useMoney();
  const { donorName } = useFundNames();
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
          options: open.map((p) => ({ value: String(p.id), label: pledgeLabel(p, donorName, money, t) })),
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

function PledgeSummary({ pledge, lead, testId }: { pledge: Pledge; lead?: string; testId?: string }) {
  const { t } = useFormat();
  return (
    <p className={lead ? undefined : 'hint'} data-testid={testId ?? 'pledge-summary'}>
      {lead && <>{lead} </>}
      <PledgeStatusBadge status={pledge.status} /> {t('fund.columns.paid')}:{' '}
      <Money amount={pledge.paid.amount} currency={pledge.paid.currency} />; {t('fund.columns.outstanding')}:{' '}
      <Money amount={pledge.outstanding.amount} currency={pledge.outstanding.currency} />
    </p>
  );
}

// ---- a payment ----------------------------------------------------------------------------------------

function PaymentForm({
  donors,
  earmarks,
  currencies,
  pledges,
  pledgeId,
  reload,
}: Reference & { pledges: Pledge[]; pledgeId: number | null; reload: () => void }) {
  const { t } = useFormat();
  const money = useMoney();
  const { donorName } = useFundNames();
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
              {pledgeLabel(p, donorName, money, t)}
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

// ---- a rate -------------------------------------------------------------------------------------------

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A rate of exchange: a month input (year-month, checked here, with its message at the field). After each
 * rate the month and source stay for the next one, since the UN publishes the rates of a month together.
 */
function RateForm({ currencies }: { currencies: Currency[] }) {
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

/** States and organizations of the registry, and the same by name as choices. */
function useParticipantChoices() {
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const options = (participants.data ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: `${p.name} (${p.id})`, lang: 'en' }));
  return { participants: participants.data ?? [], options };
}

// ---- a donor ------------------------------------------------------------------------------------------

function DonorForm({ onRecorded }: { onRecorded: () => void }) {
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

// ---- an earmark ---------------------------------------------------------------------------------------

const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

function EarmarkForm({ onRecorded }: { onRecorded: () => void }) {
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
