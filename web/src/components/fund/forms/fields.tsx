// The fields the fund's recording forms share: a donor, an earmark, a currency, an amount in it, a date, the
// source of funds, a pledge as a choice and as a summary, and what to record next after a pledge.
import { SOURCES_OF_FUNDS, type Currency, type Donor, type Earmark, type Pledge } from '../../../api-fund.ts';
import { listParticipants } from '../../../api.ts';
import { Link } from '../../../router.tsx';
import { useFormat } from '../../../useFormat.ts';
import { useResource } from '../../../useResource.ts';
import { SelectField, TextField } from '../../forms.tsx';
import type { Bound } from '../../useForm.tsx';
import { Money, PledgeStatusBadge, useFundNames, useMoney } from '../common.tsx';

/** What every recording form may choose from, loaded once by the page. */
export interface Reference {
  donors: Donor[];
  earmarks: Earmark[];
  currencies: Currency[];
}

/** The props of a form about an existing pledge: the pledges to choose from, the one asked for in the URL. */
export type PledgeFormProps = Reference & { pledges: Pledge[]; pledgeId: number | null; reload: () => void };

export function DonorSelect({ bound, donors, label }: { bound: Bound; donors: Donor[]; label?: string }) {
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

export function EarmarkSelect({
  bound,
  earmarks,
  hint,
}: {
  bound: Bound;
  earmarks: Earmark[];
  hint?: string;
}) {
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

export function CurrencySelect({
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

export function AmountField({
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

export function DateField({ bound, label, hint }: { bound: Bound; label: string; hint?: string }) {
  return <TextField type="date" label={label} hint={hint} {...bound} />;
}

export function SourceOfFunds({ bound, allowDefault }: { bound: Bound; allowDefault?: boolean }) {
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

/** A pledge as a choice: "Pledge 7 — Germany — €250,000.00 — agreed, outstanding €250,000.00". */
export function usePledgeLabel(): (p: Pledge) => string {
  const { t } = useFormat();
  const money = useMoney();
  const { donorName } = useFundNames();
  return (p) =>
    t('fundRecord.pledgeOption', {
      id: p.id,
      donor: donorName(p.donorId),
      amount: money(p.pledged.amount, p.pledged.currency),
      status: t(`fund.pledgeStatus.${p.status}`),
      outstanding: money(p.outstanding.amount, p.outstanding.currency),
    });
}

export function NextSteps({ pledge }: { pledge: Pledge }) {
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

export function PledgeSummary({ pledge, lead, testId }: { pledge: Pledge; lead?: string; testId?: string }) {
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

/** States and organizations of the registry, and the same by name as choices. */
export function useParticipantChoices() {
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const options = (participants.data ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: `${p.name} (${p.id})`, lang: 'en' }));
  return { participants: participants.data ?? [], options };
}
