// What the fund pages share: amounts shown from their decimal strings, the banner that marks illustrative
// (demo) figures, download links, the pledge status, and the names of donors and earmarks.
import type { ReactNode } from 'react';
import {
  listDonors,
  listEarmarks,
  type Dataset,
  type Donor,
  type Earmark,
  type PledgeStatus,
} from '../../api-fund.ts';
import { formatDecimal, formatMoney } from '../../money.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';

/** Formats a decimal string for display (with its currency code when given), in the interface language. */
export function useMoney(): (amount: string, currency?: string) => string {
  const { locale, isolate } = useFormat();
  return (amount, currency) =>
    isolate(currency ? formatMoney(amount, currency, locale) : formatDecimal(amount, locale));
}

export function Money({ amount, currency }: { amount: string; currency?: string }) {
  const money = useMoney();
  return <span className="amount">{money(amount, currency)}</span>;
}

/** Shown above every illustrative figure: the demo data are invented and must never be read as real. */
export function IllustrativeBanner({ children }: { children?: ReactNode }) {
  const { t } = useFormat();
  return (
    <div className="illustrative-banner" role="note" data-testid="illustrative-banner">
      <p className="illustrative-title">{t('fund.illustrative.banner')}</p>
      <p>{children ?? t('fund.illustrative.explanation')}</p>
    </div>
  );
}

/** A marker next to one illustrative record among real ones (a rate, a donor). */
export function IllustrativeTag() {
  const { t } = useFormat();
  return <span className="tag tag-illustrative">{t('fund.illustrative.tag')}</span>;
}

export function Downloads({
  files,
  description,
}: {
  files: ReadonlyArray<{ format: 'csv' | 'xlsx'; href: string; name: string }>;
  description: string;
}) {
  const { t } = useFormat();
  return (
    <p className="downloads">
      <span className="downloads-label">{t('downloads.label')}</span>
      {files.map((f) => (
        <a key={f.format} className="download" href={f.href} download={f.name}>
          {t(`downloads.${f.format}`)}
          <span className="visually-hidden"> ({description})</span>
        </a>
      ))}
    </p>
  );
}

export function PledgeStatusBadge({ status }: { status: PledgeStatus }) {
  const { t } = useFormat();
  return <span className={`pledge-status pledge-${status}`}>{t(`fund.pledgeStatus.${status}`)}</span>;
}

/** Donors and earmarks (public lists), with their names for display. */
export function useFundNames() {
  const donors = useResource(listDonors, []);
  const earmarks = useResource(listEarmarks, []);
  const donorName = (id: string) => donors.data?.find((d) => d.id === id)?.name ?? id;
  const earmarkName = (id: string) => earmarks.data?.find((e) => e.id === id)?.name ?? id;
  return { donors, earmarks, donorName, earmarkName };
}

export function DonorLink({ donor }: { donor: Pick<Donor, 'id' | 'name'> }) {
  return (
    <Link to={`/fund/donors/${encodeURIComponent(donor.id)}`} lang="en">
      {donor.name}
    </Link>
  );
}

export function EarmarkName({ earmark, id }: { earmark: Earmark | undefined; id: string }) {
  return <span lang={earmark ? 'en' : undefined}>{earmark?.name ?? id}</span>;
}

/** Real or illustrative figures: a choice of two, kept in the address. */
export function DatasetChoice({
  value,
  onChange,
  name,
}: {
  value: Dataset;
  onChange: (dataset: Dataset) => void;
  name: string;
}) {
  const { t } = useFormat();
  return (
    <fieldset className="field dataset-choice">
      <legend>{t('fund.dataset.legend')}</legend>
      {(['real', 'illustrative'] as const).map((d) => (
        <label key={d} className="choice">
          <input type="radio" name={name} value={d} checked={value === d} onChange={() => onChange(d)} />{' '}
          {t(`fund.dataset.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}
