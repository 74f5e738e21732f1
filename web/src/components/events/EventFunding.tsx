// The funding of an event, on its page: budget against actual, the allocations from donors' earmarks and
// the participants the Fund paid for (travel and daily subsistence allowance, with the programme support
// costs). The Secretariat sees it all and, as fund officer or administrator, sets the budget, allocates
// money from an earmark and pays an approved participant; a donor sees, read-only, what its own money paid.
import { useId, useState } from 'react';
import type { EventView } from '../../api-events.ts';
import {
  allocateToEvent,
  COST_KINDS,
  getEventFunding,
  listEventDelegations,
  payParticipant,
  setEventBudget,
  type EventFunding as Funding,
} from '../../api-event-funding.ts';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { todayIso } from '../../format.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { DataTable } from '../DataTable.tsx';
import { Money, useFundNames, useMoney } from '../fund/common.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { SpecForm } from '../SpecForm.tsx';

export function EventFunding({ event }: { event: EventView }) {
  const auth = useAuth();
  if (!auth.can('events.funding.read')) return null;
  return <FundingSection event={event} />;
}

function FundingSection({ event }: { event: EventView }) {
  const { t } = useFormat();
  const auth = useAuth();
  const id = useId();
  const funding = useResource((signal) => getEventFunding(event.id, signal), [event.id, auth.user?.id]);
  // A donor whose money paid nothing of this event is answered 404: nothing to show.
  if (funding.error instanceof ApiError && funding.error.status === 404) return null;
  const f = funding.data;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="event-funding" className="event-funding">
      <h2 id={`${id}-h`}>{t('eventFunding.heading')}</h2>
      {funding.error !== undefined ? (
        <ProblemAlert error={funding.error} onRetry={funding.reload} />
      ) : !f ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <p>{f.scope === 'own' ? t('eventFunding.leadDonor') : t('eventFunding.lead')}</p>
          <Summary funding={f} />
          <Allocations funding={f} />
          <Participants funding={f} />
          {auth.can('events.fund') && <FundingForms event={event} funding={f} reload={funding.reload} />}
        </>
      )}
    </section>
  );
}

function Summary({ funding: f }: { funding: Funding }) {
  const { t } = useFormat();
  const money = useMoney();
  const id = useId();
  const keys = ['budget', 'allocated', 'spent', 'supportCosts', 'actual', 'remaining', 'unspent'] as const;
  // Figures without their currency (named in the heading once): large figures then fit narrow screens.
  return (
    <>
      <h3 id={`${id}-h`}>{t('eventFunding.summaryHeading', { currency: f.currency })}</h3>
      <dl className="counts" data-testid="event-funding-summary" aria-labelledby={`${id}-h`}>
        {keys
          .filter((k) => f[k] !== null)
          .map((k) => (
            <div className="count" key={k} data-count={k}>
              <dt>{t(`eventFunding.figures.${k}`)}</dt>
              <dd>{money(f[k] ?? '0')}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

function Allocations({ funding: f }: { funding: Funding }) {
  const { t } = useFormat();
  if (f.allocations.length === 0) return <p>{t('eventFunding.noAllocation')}</p>;
  const figures = ['allocated', 'spent', 'supportCosts', 'balance'] as const;
  return (
    <DataTable
      testId="event-allocations"
      numbers
      caption={t('eventFunding.allocationsCaption', { currency: f.currency })}
      rowHeader={{
        key: 'allocation',
        label: t('eventFunding.columns.allocation'),
        cell: (a) => t('eventFunding.allocationNumber', { id: a.id }),
      }}
      columns={[
        {
          key: 'donor',
          label: t('eventFunding.columns.donor'),
          lang: 'en',
          text: true,
          cell: (a) => a.donor.name,
        },
        {
          key: 'earmark',
          label: t('eventFunding.columns.earmark'),
          lang: 'en',
          text: true,
          cell: (a) => a.earmark.name,
        },
        ...figures.map((k) => ({
          key: k,
          label: t(`eventFunding.columns.${k}`),
          cell: (a: Funding['allocations'][number]) => <Money amount={a[k]} />,
        })),
      ]}
      rows={f.allocations}
      rowKey={(a) => a.id}
      rowData={(a) => ({ allocation: a.id })}
    />
  );
}

function Participants({ funding: f }: { funding: Funding }) {
  const { t } = useFormat();
  if (f.participants.length === 0) return <p>{t('eventFunding.noParticipant')}</p>;
  const figures = ['travel', 'dsa', 'supportCosts', 'total'] as const;
  return (
    <DataTable
      testId="funded-participants"
      numbers
      caption={t('eventFunding.participantsCaption', { currency: f.currency })}
      rowHeader={{
        key: 'participant',
        label: t('eventFunding.columns.participant'),
        cell: (p) => p.name ?? t('eventFunding.unnamed', { id: p.delegateId }),
      }}
      columns={[
        { key: 'state', label: t('eventFunding.columns.state'), text: true, cell: (p) => p.state.name },
        {
          key: 'category',
          label: t('eventFunding.columns.category'),
          text: true,
          cell: (p) => t(`eventFunding.category.${p.category}`),
        },
        ...figures.map((k) => ({
          key: k,
          label: t(`eventFunding.columns.${k}`),
          cell: (p: Funding['participants'][number]) => <Money amount={p[k]} />,
        })),
      ]}
      rows={f.participants}
      rowKey={(p) => p.delegateId}
      rowData={(p) => ({ delegate: p.delegateId })}
    />
  );
}

function FundingForms({
  event,
  funding: f,
  reload,
}: {
  event: EventView;
  funding: Funding;
  reload: () => void;
}) {
  const { t } = useFormat();
  const money = useMoney();
  const { donors, earmarks } = useFundNames();
  const delegations = useResource((signal) => listEventDelegations(event.id, signal), [event.id]);
  const [notice, setNotice] = useState<Record<string, string | null>>({});
  const approved = (delegations.data ?? []).flatMap((d) =>
    d.delegates
      .filter((p) => p.status === 'approved')
      .map((p) => ({
        value: String(p.id),
        label: t('eventFunding.delegateOption', {
          name: [p.givenName, p.familyName].filter(Boolean).join(' ') || `#${p.id}`,
          state: d.state.name,
          category: t(`eventFunding.category.${p.category}`),
        }),
      })),
  );
  const saved = (what: string, text: string) => {
    setNotice((n) => ({ ...n, [what]: text }));
    reload();
    delegations.reload();
  };
  const amountAndDate = [
    {
      name: 'amount',
      label: t('eventFunding.amount'),
      kind: 'decimal' as const,
      required: t('eventFunding.required.amount'),
    },
    {
      name: 'bookedOn',
      label: t('eventFunding.bookedOn'),
      kind: 'date' as const,
      required: t('eventFunding.required.date'),
    },
  ];
  return (
    <div className="cards">
      {event.status !== 'cancelled' && (
        <SpecForm
          testId="event-budget-form"
          heading={t('eventFunding.budgetHeading')}
          initial={{ amount: f.budget ?? '' }}
          fields={[
            {
              name: 'amount',
              label: t('eventFunding.budget'),
              kind: 'decimal',
              required: t('eventFunding.required.amount'),
            },
          ]}
          submit={t('eventFunding.setBudget')}
          send={(body, key) => setEventBudget(event.id, { amount: body.amount ?? '' }, key)}
          done={(r) => saved('budget', t('eventFunding.budgetSet', { budget: money(r.budget, r.currency) }))}
          notice={notice.budget}
        />
      )}
      {event.status !== 'cancelled' && (
        <SpecForm
          testId="event-allocation-form"
          heading={t('eventFunding.allocateHeading')}
          lead={t('eventFunding.allocateLead')}
          initial={{ bookedOn: todayIso() }}
          fields={[
            {
              name: 'donorId',
              label: t('eventFunding.donor'),
              kind: 'select',
              required: t('eventFunding.required.donor'),
              options: (donors.data ?? [])
                .filter((d) => !d.illustrative)
                .map((d) => ({ value: d.id, label: `${d.name} (${d.id})`, lang: 'en' })),
            },
            {
              name: 'earmarkId',
              label: t('eventFunding.earmark'),
              kind: 'select',
              required: t('eventFunding.required.earmark'),
              options: (earmarks.data ?? []).map((e) => ({
                value: e.id,
                label: `${e.name} (${e.id})`,
                lang: 'en',
              })),
            },
            ...amountAndDate,
          ]}
          submit={t('eventFunding.allocate')}
          send={(body, key) =>
            allocateToEvent(
              event.id,
              {
                donorId: body.donorId ?? '',
                earmarkId: body.earmarkId ?? '',
                amount: body.amount ?? '',
                bookedOn: body.bookedOn ?? '',
              },
              key,
            )
          }
          done={(r) => saved('allocation', t('eventFunding.allocated', { id: r.allocationId }))}
          notice={notice.allocation}
        />
      )}
      {f.allocations.length > 0 && (
        <SpecForm
          testId="event-payment-form"
          heading={t('eventFunding.payHeading')}
          lead={t('eventFunding.payLead')}
          initial={{
            allocationId: f.allocations.length === 1 ? String(f.allocations[0]?.id) : '',
            kind: 'travel',
            bookedOn: todayIso(),
          }}
          fields={[
            {
              name: 'delegateId',
              label: t('eventFunding.participant'),
              kind: 'select',
              required: t('eventFunding.required.participant'),
              options: approved,
            },
            {
              name: 'kind',
              label: t('eventFunding.costKind'),
              kind: 'radio',
              required: t('eventFunding.required.kind'),
              options: COST_KINDS.map((k) => ({ value: k, label: t(`eventFunding.kind.${k}`) })),
            },
            {
              name: 'allocationId',
              label: t('eventFunding.allocation'),
              kind: 'select',
              required: t('eventFunding.required.allocation'),
              options: f.allocations.map((a) => ({
                value: String(a.id),
                label: t('eventFunding.allocationOption', {
                  id: a.id,
                  donor: a.donor.name,
                  balance: money(a.balance, f.currency),
                }),
              })),
            },
            ...amountAndDate,
          ]}
          submit={t('eventFunding.pay')}
          send={(body, key) =>
            payParticipant(
              event.id,
              {
                delegateId: Number(body.delegateId),
                kind: body.kind === 'dsa' ? 'dsa' : 'travel',
                allocationId: Number(body.allocationId),
                amount: body.amount ?? '',
                bookedOn: body.bookedOn ?? '',
              },
              key,
            )
          }
          done={(r) =>
            saved(
              'payment',
              t('eventFunding.paid', {
                amount: money(r.amount, f.currency),
                psc: money(r.supportCosts, f.currency),
              }),
            )
          }
          notice={notice.payment}
        />
      )}
    </div>
  );
}
