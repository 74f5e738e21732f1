// A project (/assistance/projects/{id}): funded vs budget vs spent (from the fund ledger), its funding lines,
// activities, results with their measurements, and outcomes. A fund officer funds it from an earmark (the
// matching proposals as suggestions) and posts its spending; a programme officer adds activities, results,
// measurements and outcomes, starts and completes it. Published projects are public; others 404.
import { useId, useState, type ReactNode } from 'react';
import {
  getProject,
  getRequest,
  listMatches,
  OUTCOME_KINDS,
  projectWrite,
  recordMeasurement,
  stepRequest,
  type Project,
} from '../../api-assistance.ts';
import { ApiError, getCountry, newIdempotencyKey } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { todayIso } from '../../format.ts';
import { toPlotValue } from '../../money.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Empty } from '../Empty.tsx';
import { Money, useFundNames, useMoney } from '../fund/common.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { AssistanceNav, OutcomeText, ProjectStatusBadge, StateLink, useParticipants } from './common.tsx';
import { SpecForm, type FieldSpec } from '../SpecForm.tsx';
import { DataTable } from '../DataTable.tsx';

export function ProjectPage({ projectId }: { projectId: number }) {
  const { t } = useFormat();
  const project = useResource((signal) => getProject(projectId, signal), [projectId]);
  const p = project.data;
  useTitle(p?.title ?? t('project.title', { id: projectId }));
  const notFound = project.error instanceof ApiError && project.error.status === 404;
  return (
    <>
      <h1 lang={p ? 'en' : undefined}>{p?.title ?? t('project.title', { id: projectId })}</h1>
      <AssistanceNav />
      {notFound ? (
        <div className="problem" data-testid="project-unavailable">
          <p className="problem-heading">{t('project.unavailableHeading')}</p>
          <p>{t('project.unavailable')}</p>
        </div>
      ) : (
        project.error !== undefined && <ProblemAlert error={project.error} onRetry={project.reload} />
      )}
      {p && <ProjectView project={p} reload={project.reload} />}
    </>
  );
}

function ProjectView({ project: p, reload }: { project: Project; reload: () => void }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const { nameOf } = useParticipants();
  return (
    <div data-testid="project">
      <p className="meta">
        <span className="code">{p.ref}</span> ·{' '}
        <StateLink id={p.participantId} name={nameOf(p.participantId)} /> ·{' '}
        <ProjectStatusBadge status={p.status} /> ·{' '}
        {t('project.period', { from: date(p.startsOn), to: date(p.endsOn) })}
        {auth.can('request.read') && (
          <>
            {' · '}
            <Link to={`/assistance/requests/${p.requestId}`}>
              {t('project.request', { id: p.requestId })}
            </Link>
          </>
        )}
      </p>
      <dl className="details card">
        <div>
          <dt>{t('project.partner')}</dt>
          <dd lang="en">{p.implementingPartner}</dd>
        </div>
        <div>
          <dt>{t('project.beneficiaries')}</dt>
          <dd lang="en">{p.beneficiaries}</dd>
        </div>
        <div>
          <dt>{t('project.publishedLabel')}</dt>
          <dd>{p.published ? t('country.yes') : t('country.no')}</dd>
        </div>
      </dl>
      <MoneySummary project={p} />
      <FundingLines project={p} />
      {auth.can('project.fund') && p.status !== 'completed' && <MoneyForms project={p} reload={reload} />}
      <Activities project={p} />
      <Results project={p} />
      <Outcomes project={p} />
      {auth.can('project.manage') && <ManageForms project={p} reload={reload} />}
    </div>
  );
}

function MoneySummary({ project: p }: { project: Project }) {
  const { t } = useFormat();
  const money = useMoney();
  const id = useId();
  const keys = ['budget', 'funded', 'spent', 'supportCosts', 'unfunded'] as const;
  const max = Math.max(1, toPlotValue(p.budget), toPlotValue(p.funded));
  const bars = (['budget', 'funded', 'spent'] as const).map((k) => ({ k, v: toPlotValue(p[k]) }));
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('project.moneyHeading', { currency: p.currency })}</h2>
      <dl className="counts" data-testid="project-money">
        {keys.map((k) => (
          <div className="count" key={k} data-count={k}>
            <dt>{t(`assistance.money.${k}`)}</dt>
            <dd>{money(p[k])}</dd>
          </div>
        ))}
      </dl>
      <svg className="money-bars" viewBox="0 0 400 84" aria-hidden="true" focusable="false">
        {bars.map(({ k, v }, i) => (
          <g key={k}>
            <text x="0" y={i * 28 + 16} className="bar-label">
              {t(`assistance.money.${k}`)}
            </text>
            <rect x="90" y={i * 28 + 4} width={(300 * v) / max} height="16" className={`bar bar-${k}`} />
          </g>
        ))}
      </svg>
    </section>
  );
}

function FundingLines({ project: p }: { project: Project }) {
  const { t } = useFormat();
  const { donorName, earmarkName } = useFundNames();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="participants-section">
      <h2 id={`${id}-h`}>{t('project.fundingHeading')}</h2>
      {p.funding.length === 0 ? (
        <p>{t('project.noFunding')}</p>
      ) : (
        <DataTable
          testId="funding-lines"
          numbers
          caption={t('project.fundingCaption', { currency: p.currency })}
          rowHeader={{
            key: 'allocation',
            label: t('project.allocation'),
            cell: (f) => t('project.allocationNumber', { id: f.allocationId }),
          }}
          columns={[
            {
              key: 'donor',
              label: t('fund.columns.donor'),
              lang: 'en',
              text: true,
              cell: (f) => donorName(f.donorId),
            },
            {
              key: 'earmark',
              label: t('fund.columns.earmark'),
              lang: 'en',
              text: true,
              cell: (f) => earmarkName(f.earmarkId),
            },
            ...(
              [
                ['allocated', 'allocated'],
                ['spent', 'expenditure'],
                ['supportCosts', 'supportCosts'],
                ['balance', 'balance'],
              ] as const
            ).map(([k, label]) => ({
              key: k,
              label: t(`fund.columns.${label}`),
              cell: (f: Project['funding'][number]) => <Money amount={f[k]} />,
            })),
          ]}
          rows={p.funding}
          rowKey={(f) => f.allocationId}
          rowData={(f) => ({ allocation: f.allocationId })}
        />
      )}
    </section>
  );
}

/** A list under its heading, or a line saying there is nothing yet. */
function ListSection<T extends { id: number }>({
  id,
  heading,
  empty,
  items,
  render,
}: {
  id: string;
  heading: string;
  empty: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-h`} className="history">
      <h2 id={`${id}-h`}>{heading}</h2>
      {items.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="history-list" data-testid={id}>
          {items.map((item) => (
            <li key={item.id}>{render(item)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Activities({ project: p }: { project: Project }) {
  const { t, date } = useFormat();
  return (
    <ListSection
      id="activities"
      heading={t('project.activities')}
      empty={t('project.noActivities')}
      items={p.activities}
      render={(a) => (
        <>
          <span lang="en">{a.title}</span> —{' '}
          {t('project.period', { from: date(a.startsOn), to: date(a.endsOn) })}
        </>
      )}
    />
  );
}

function Results({ project: p }: { project: Project }) {
  const { t } = useFormat();
  return (
    <section aria-labelledby="results-h" className="history">
      <h2 id="results-h">{t('project.results')}</h2>
      {p.results.length === 0 && <p className="hint">{t('project.noResults')}</p>}
      {p.results.map((r) => (
        <div key={r.id} className="table-scroll result" data-result={r.id}>
          <table className="participants">
            <caption>
              <span lang="en">{r.title}</span> — <span lang="en">{r.indicator}</span> (
              {t('project.unit', { unit: r.unit })})
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('project.periodField')}</th>
                <th scope="col">{t('project.value')}</th>
                <th scope="col">{t('project.note')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('project.baseline')}</th>
                <td lang="en">{r.baseline}</td>
                <td>
                  <Empty />
                </td>
              </tr>
              {r.measurements.map((m, i) => (
                <tr key={i}>
                  <th scope="row">{m.period}</th>
                  <td lang="en">{m.actual}</td>
                  <td lang="en">{m.note ?? <Empty />}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('project.target')}</th>
                <td lang="en">{r.target}</td>
                <td>
                  <Empty />
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function Outcomes({ project: p }: { project: Project }) {
  const { t } = useFormat();
  return (
    <ListSection
      id="outcomes"
      heading={t('project.outcomes')}
      empty={t('project.noOutcomes')}
      items={p.outcomes}
      render={(o) => <OutcomeText outcome={o} />}
    />
  );
}

// ---- money: funding from an earmark, spending ------------------------------------------------------------

/** The amount (US dollars) and the date of booking, which every money form asks for. */
function amountAndDate(t: ReturnType<typeof useFormat>['t']): FieldSpec[] {
  return [
    {
      name: 'amount',
      label: t('project.amountUsd'),
      kind: 'decimal',
      required: t('fundRecord.required.amount'),
    },
    { name: 'bookedOn', label: t('project.bookedOn'), kind: 'date', required: t('fundRecord.required.date') },
  ];
}

function MoneyForms({ project: p, reload }: { project: Project; reload: () => void }) {
  const { t } = useFormat();
  const money = useMoney();
  const { donors, earmarks, donorName, earmarkName } = useFundNames();
  const matches = useResource(listMatches, []);
  const suggestions = (matches.data ?? []).filter((m) => m.projectId === p.id).flatMap((m) => m.funding);
  const [prefill, setPrefill] = useState<{ donorId: string; earmarkId: string; amount: string } | null>(null);
  const [funded, setFunded] = useState<string | null>(null);
  const [spent, setSpent] = useState<string | null>(null);
  return (
    <section aria-labelledby="money-forms-h">
      <h2 id="money-forms-h">{t('project.moneyForms')}</h2>
      <div className="cards">
        <SpecForm
          key={prefill ? JSON.stringify(prefill) : 'empty'}
          testId="funding-form"
          heading={t('project.fundHeading')}
          lead={t('project.fundLead')}
          initial={{ ...(prefill ?? {}), bookedOn: todayIso() }}
          fields={[
            {
              name: 'donorId',
              label: t('fundRecord.donor'),
              kind: 'select',
              required: t('fundRecord.required.donor'),
              options: (donors.data ?? [])
                .filter((d) => !d.illustrative)
                .map((d) => ({ value: d.id, label: `${d.name} (${d.id})`, lang: 'en' })),
            },
            {
              name: 'earmarkId',
              label: t('fundRecord.earmark'),
              kind: 'select',
              required: t('fundRecord.required.earmark'),
              options: (earmarks.data ?? []).map((e) => ({
                value: e.id,
                label: `${e.name} (${e.id})`,
                lang: 'en',
              })),
            },
            ...amountAndDate(t),
          ]}
          submit={t('project.fund')}
          send={(body, key) => projectWrite(p.id, 'funding', body, key)}
          done={(project) => {
            setFunded(
              t('project.funded', {
                funded: money(project.funded, project.currency),
                budget: money(project.budget, project.currency),
              }),
            );
            setPrefill(null);
            reload();
            matches.reload();
          }}
          notice={funded}
        >
          {suggestions.length > 0 && (
            <div className="suggestions" data-testid="suggestions">
              <p>{t('project.suggestions')}</p>
              <ul>
                {suggestions.map((s) => (
                  <li key={`${s.donorId}-${s.earmarkId}`}>
                    <span lang="en">{donorName(s.donorId)}</span> —{' '}
                    <span lang="en">{earmarkName(s.earmarkId)}</span>:{' '}
                    <Money amount={s.amount} currency="USD" />{' '}
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() =>
                        setPrefill({ donorId: s.donorId, earmarkId: s.earmarkId, amount: s.amount })
                      }
                    >
                      {t('project.useSuggestion')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {matches.data && suggestions.length === 0 && <p className="hint">{t('project.noSuggestions')}</p>}
        </SpecForm>
        {p.funding.length > 0 && (
          <SpecForm
            testId="spending-form"
            heading={t('project.spendHeading')}
            lead={t('project.spendLead')}
            initial={{
              allocationId: p.funding.length === 1 ? String(p.funding[0]?.allocationId) : '',
              bookedOn: todayIso(),
            }}
            fields={[
              {
                name: 'allocationId',
                label: t('project.allocation'),
                kind: 'select',
                required: t('project.required.allocation'),
                options: p.funding.map((f) => ({
                  value: String(f.allocationId),
                  label: t('project.allocationOption', {
                    id: f.allocationId,
                    donor: donorName(f.donorId),
                    balance: money(f.balance, 'USD'),
                  }),
                })),
              },
              ...amountAndDate(t),
              { name: 'reference', label: t('fundRecord.reference'), hint: t('project.spendRefHint') },
              { name: 'memo', label: t('fundRecord.memo'), kind: 'textarea' },
            ]}
            submit={t('project.spend')}
            send={(body, key) =>
              projectWrite(p.id, 'expenditures', { ...body, allocationId: Number(body.allocationId) }, key)
            }
            done={(project) => {
              setSpent(
                t('project.spent', {
                  spent: money(project.spent, project.currency),
                  psc: money(project.supportCosts, project.currency),
                }),
              );
              reload();
            }}
            notice={spent}
          />
        )}
      </div>
    </section>
  );
}

// ---- programme: activities, results, measurements, outcomes, start and completion ------------------------

function ManageForms({ project: p, reload }: { project: Project; reload: () => void }) {
  const { t } = useFormat();
  const [done, setDone] = useState<Record<string, string | null>>({});
  const country = useResource((signal) => getCountry(p.participantId, null, signal), [p.participantId]);
  const actions = (country.data?.instruments ?? []).flatMap((i) => i.actions).filter((a) => !a.correction);
  const saved = (what: string) => () => {
    setDone((d) => ({ ...d, [what]: t('project.saved') }));
    reload();
  };
  return (
    <section aria-labelledby="manage-h">
      <h2 id="manage-h">{t('project.manageHeading')}</h2>
      <RequestSteps project={p} onChange={reload} />
      <div className="cards">
        <SpecForm
          testId="activity-form"
          heading={t('project.addActivity')}
          fields={[
            { name: 'title', label: t('project.titleField'), required: t('project.required.title') },
            {
              name: 'startsOn',
              label: t('project.startsOn'),
              kind: 'date',
              required: t('project.required.startsOn'),
            },
            {
              name: 'endsOn',
              label: t('project.endsOn'),
              kind: 'date',
              required: t('project.required.endsOn'),
            },
          ]}
          submit={t('project.addActivity')}
          send={(body, key) => projectWrite(p.id, 'activities', body, key)}
          done={saved('activity')}
          notice={done.activity ?? null}
        />
        <SpecForm
          testId="result-form"
          heading={t('project.addResult')}
          fields={[
            { name: 'title', label: t('project.titleField'), required: t('project.required.title') },
            { name: 'indicator', label: t('project.indicator'), required: t('project.required.indicator') },
            {
              name: 'unit',
              label: t('project.unitField'),
              hint: t('project.unitHint'),
              required: t('project.required.unit'),
            },
            { name: 'baseline', label: t('project.baseline'), required: t('project.required.baseline') },
            { name: 'target', label: t('project.target'), required: t('project.required.target') },
          ]}
          submit={t('project.addResult')}
          send={(body, key) => projectWrite(p.id, 'results', body, key)}
          done={saved('result')}
          notice={done.result ?? null}
        />
        {p.results.length > 0 && (
          <SpecForm
            testId="measurement-form"
            heading={t('project.addMeasurement')}
            initial={{ resultId: p.results.length === 1 ? String(p.results[0]?.id) : '' }}
            fields={[
              {
                name: 'resultId',
                label: t('project.result'),
                kind: 'select',
                required: t('project.required.result'),
                options: p.results.map((r) => ({ value: String(r.id), label: r.title, lang: 'en' })),
              },
              {
                name: 'period',
                label: t('project.periodField'),
                hint: t('project.periodHint'),
                required: t('project.required.period'),
              },
              { name: 'actual', label: t('project.actual'), required: t('project.required.actual') },
              { name: 'note', label: t('project.note'), kind: 'textarea' },
            ]}
            submit={t('project.addMeasurement')}
            send={({ resultId, ...body }, key) =>
              recordMeasurement(p.id, Number(resultId), body as { period: string; actual: string }, key)
            }
            done={saved('measurement')}
            notice={done.measurement ?? null}
          />
        )}
        <SpecForm
          testId="outcome-form"
          heading={t('project.addOutcome')}
          lead={t('project.outcomeLead')}
          initial={{ happenedOn: todayIso() }}
          fields={[
            {
              name: 'kind',
              label: t('project.outcomeKind'),
              kind: 'select',
              required: t('project.required.outcomeKind'),
              options: OUTCOME_KINDS.map((k) => ({ value: k, label: t(`assistance.outcomeKind.${k}`) })),
            },
            {
              name: 'happenedOn',
              label: t('project.happenedOn'),
              kind: 'date',
              required: t('fundRecord.required.date'),
            },
            {
              name: 'citation',
              label: t('project.citation'),
              hint: t('project.citationHint'),
              when: (v) => v.kind === 'legislation_adopted',
              required: t('project.required.citation'),
            },
            {
              name: 'actionId',
              label: t('project.action'),
              hint: t('project.actionHint'),
              kind: 'select',
              when: (v) => v.kind === 'authority_notified' || v.kind === 'instrument_deposited',
              required: t('project.required.action'),
              options: actions.map((a) => ({
                value: String(a.id),
                label: `${a.date ?? '?'} — ${t(`actionKind.${a.kind}`)} (${a.instrumentId}${a.article ? `, art. ${a.article}` : ''})`,
              })),
            },
            {
              name: 'resultId',
              label: t('project.resultOptional'),
              kind: 'select',
              options: p.results.map((r) => ({ value: String(r.id), label: r.title, lang: 'en' })),
            },
          ]}
          submit={t('project.addOutcome')}
          send={(body, key) =>
            projectWrite(
              p.id,
              'outcomes',
              {
                ...body,
                actionId: body.actionId ? Number(body.actionId) : null,
                resultId: body.resultId ? Number(body.resultId) : null,
              },
              key,
            )
          }
          done={saved('outcome')}
          notice={done.outcome ?? null}
        />
      </div>
    </section>
  );
}

/** Start the work (funded → in progress) and complete the project (in progress → completed). */
function RequestSteps({ project: p, onChange }: { project: Project; onChange: () => void }) {
  const { t } = useFormat();
  const request = useResource((signal) => getRequest(p.requestId, signal), [p.requestId, p.status, p.funded]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const status = request.data?.status;
  if (status !== 'funded' && status !== 'in_progress') return null;
  const act = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      if (status === 'funded') await stepRequest(p.requestId, 'in_progress', null, newIdempotencyKey());
      else await projectWrite(p.id, 'completion', {}, newIdempotencyKey());
      request.reload();
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid="project-steps">
      <p>{status === 'funded' ? t('project.startLead') : t('project.completeLead')}</p>
      {error !== undefined && <ProblemAlert error={error} />}
      <button type="button" aria-disabled={busy || undefined} onClick={() => void act()}>
        {status === 'funded' ? t('project.start') : t('project.complete')}
      </button>
    </div>
  );
}
