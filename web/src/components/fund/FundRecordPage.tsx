// Recording in the fund ledger (/fund/record, policy fund.record: fund officers and administrators): a
// pledge with its instalments, an agreement / write-off / closing of a pledge, a payment (against a pledge or
// not) with the conversion the server made, a rate of exchange, a donor and an earmark. The form checks only
// what is missing; the server checks the rest and its messages are shown at the field they name. Amounts are
// typed and sent as decimal strings, exactly as written. Each form is a file of its own in forms/, with the
// fields they share in forms/fields.tsx; this page chooses one and loads what they choose from.
import type { ReactNode } from 'react';
import {
  listCurrencies,
  listPledges,
  type Currency,
  type Donor,
  type Earmark,
  type Pledge,
} from '../../api-fund.ts';
import { Link, useSearchParam } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { useFundNames } from './common.tsx';
import { FundNav } from './FundPage.tsx';
import { DonorForm } from './forms/DonorForm.tsx';
import { EarmarkForm } from './forms/EarmarkForm.tsx';
import type { Reference } from './forms/fields.tsx';
import { PaymentForm } from './forms/PaymentForm.tsx';
import { PledgeEventForm } from './forms/PledgeEventForm.tsx';
import { PledgeForm } from './forms/PledgeForm.tsx';
import { RateForm } from './forms/RateForm.tsx';

export { Conversion } from './forms/PaymentForm.tsx';

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
