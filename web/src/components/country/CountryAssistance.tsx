// The country page's technical assistance and contributions (loaded with the page, in a chunk of their own).
// Assistance: whether the State may receive it today and why, and the chain need → request → project →
// money → outcome from GET /api/assistance/countries/{id}/chain, as far as the viewer may see (confidential
// links are left out by the server, never shown as blanks). Contributions: what the State gave the Fund,
// by year (published aggregates).
import { getChain, getEligibility, type Chain } from '../../api-assistance.ts';
import { getContributions, listDonors } from '../../api-fund.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { sumDecimals } from '../../money.ts';
import {
  OutcomeText,
  ProjectStatusBadge,
  RequestStatusBadge,
  useMayForState,
} from '../assistance/common.tsx';
import { IllustrativeBanner, Money, useFundNames } from '../fund/common.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface Props {
  participantId: string;
  name: string;
  /** The page's "as at" date (null: today): eligibility follows it; the rest is shown as it stands today. */
  asOf: string | null;
}

export default function CountryAssistance({ participantId, name, asOf }: Props) {
  const { t, date } = useFormat();
  return (
    <section className="later" aria-labelledby="later-heading">
      <h2 id="later-heading">{t('country.laterHeading')}</h2>
      {asOf !== null && (
        <p className="hint" data-testid="later-as-of">
          {t('country.laterAsOf', { date: date(asOf) })}
        </p>
      )}
      <section
        className="card chain-card"
        aria-labelledby="later-assistance"
        data-testid="country-assistance"
      >
        <h3 id="later-assistance">{t('country.assistance')}</h3>
        <Assistance participantId={participantId} name={name} asOf={asOf} />
      </section>
      <div className="cards">
        <section className="card" aria-labelledby="later-contributions" data-testid="country-contributions">
          <h3 id="later-contributions">{t('country.contributions')}</h3>
          <Contributions participantId={participantId} />
        </section>
        <section className="card" aria-labelledby="later-events">
          <h3 id="later-events">{t('country.events')}</h3>
          <p className="hint">{t('country.later')}</p>
        </section>
      </div>
    </section>
  );
}

function Assistance({ participantId, name, asOf }: Props) {
  const { t, date } = useFormat();
  const eligibility = useResource(
    (signal) => getEligibility(participantId, asOf, signal),
    [participantId, asOf],
  );
  const chain = useResource((signal) => getChain(participantId, signal), [participantId]);
  const mayFor = useMayForState();
  const e = eligibility.data;
  const mayAssess = mayFor('assessment.write', participantId);
  return (
    <>
      {eligibility.error !== undefined && (
        <ProblemAlert error={eligibility.error} onRetry={eligibility.reload} />
      )}
      {e && (
        <p data-testid="eligibility">
          <strong>
            {asOf === null
              ? t(e.eligible ? 'country.eligible' : 'country.notEligible', { name })
              : t(e.eligible ? 'country.eligibleOn' : 'country.notEligibleOn', { name, date: date(e.on) })}
          </strong>{' '}
          <span lang="en">{e.reason}</span>
          {e.priority.length > 0 && (
            <>
              {' '}
              {t('country.priority', {
                groups: e.priority.map((p) => t(`requests.priorityGroup.${p as 'ldc'}`)).join(', '),
              })}
            </>
          )}
        </p>
      )}
      <p className="record-links">
        {(mayAssess || (chain.data?.needs.length ?? 0) > 0) && (
          <Link to={`/assistance/countries/${participantId}/assessment`}>{t('country.assessmentLink')}</Link>
        )}
        {mayFor('request.write', participantId) && (
          <>
            {' · '}
            <Link to={`/assistance/requests/new?participant=${participantId}`}>
              {t('country.newRequest')}
            </Link>
          </>
        )}
      </p>
      {chain.error !== undefined && <ProblemAlert error={chain.error} onRetry={chain.reload} />}
      {chain.data && <ChainView chain={chain.data} />}
    </>
  );
}

/** One chain per request (or per project whose request the viewer may not see), then needs not yet asked for. */
function ChainView({ chain }: { chain: Chain }) {
  const { t } = useFormat();
  // Without the State's requests in sight, whether a need was asked for is not known here.
  const seesRequests = useMayForState()('request.read', chain.participantId);
  const seenProjects = new Set(
    chain.requests.map((r) => r.projectId).filter((id): id is number => id !== null),
  );
  const orphanProjects = chain.projects.filter((p) => !seenProjects.has(p.id));
  const requested = new Set(chain.requests.flatMap((r) => r.provisions));
  const openNeeds = chain.needs.filter(
    (n) => !requested.has(n.provision) && (n.needs.length > 0 || n.status === 'not_in_place'),
  );
  if (chain.requests.length === 0 && chain.projects.length === 0 && chain.needs.length === 0)
    return (
      <p className="hint" data-testid="chain-empty">
        {t('chain.none')}
      </p>
    );
  return (
    <div data-testid="chain">
      {chain.requests.map((r) => (
        <ChainRow
          key={`r${r.id}`}
          chain={chain}
          request={r}
          project={chain.projects.find((p) => p.id === r.projectId) ?? null}
        />
      ))}
      {orphanProjects.map((p) => (
        <ChainRow key={`p${p.id}`} chain={chain} request={null} project={p} />
      ))}
      {openNeeds.length > 0 && (
        <div className="open-needs">
          <h4>{seesRequests ? t('chain.openNeeds') : t('chain.needsAssessed')}</h4>
          <ul>
            {openNeeds.map((n) => (
              <li key={n.provision}>
                <NeedText need={n} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function NeedText({ need }: { need: Chain['needs'][number] }) {
  const { t } = useFormat();
  return (
    <>
      <span className="code">{need.provision}</span> <span lang="en">{need.title}</span> —{' '}
      {t(`assessment.status.${need.status as 'partly'}`)}
      {need.needs.length > 0 &&
        `: ${need.needs.map((k) => t(`assistance.kind.${k as 'training'}`)).join(', ')}`}
    </>
  );
}

function ChainRow({
  chain,
  request,
  project,
}: {
  chain: Chain;
  request: Chain['requests'][number] | null;
  project: Chain['projects'][number] | null;
}) {
  const { t } = useFormat();
  const auth = useAuth();
  const { donorName, earmarkName } = useFundNames();
  const needs = request ? chain.needs.filter((n) => request.provisions.includes(n.provision)) : [];
  return (
    <ol
      className="chain"
      data-testid="chain-row"
      aria-label={t('chain.label', { title: request?.title ?? project?.title ?? '' })}
    >
      <li className="chain-step" data-step="need">
        <span className="chain-label">{t('chain.need')}</span>
        {needs.length > 0 ? (
          <ul>
            {needs.map((n) => (
              <li key={n.provision}>
                <NeedText need={n} />
              </li>
            ))}
          </ul>
        ) : request ? (
          <p>{request.provisions.join(', ')}</p>
        ) : (
          <p className="hint">{t('chain.notShown')}</p>
        )}
      </li>
      <li className="chain-step" data-step="request">
        <span className="chain-label">{t('chain.request')}</span>
        {request ? (
          <p>
            {auth.can('request.read') ? (
              <Link to={`/assistance/requests/${request.id}`} lang="en">
                {request.title}
              </Link>
            ) : (
              <span lang="en">{request.title}</span>
            )}{' '}
            <RequestStatusBadge status={request.status} />
            {!request.eligible && <> {t('chain.ineligible')}</>}
          </p>
        ) : (
          <p className="hint">{t('chain.notShown')}</p>
        )}
      </li>
      <li className="chain-step" data-step="project">
        <span className="chain-label">{t('chain.project')}</span>
        {project ? (
          <p>
            <Link to={`/assistance/projects/${project.id}`} lang="en">
              {project.title}
            </Link>{' '}
            <ProjectStatusBadge status={project.status} />
          </p>
        ) : (
          <p className="hint">{t('chain.noProject')}</p>
        )}
      </li>
      <li className="chain-step" data-step="money">
        <span className="chain-label">{t('chain.money')}</span>
        {project ? (
          <>
            <p>
              {t('chain.moneyLine', { currency: 'USD' })} <Money amount={project.budget} /> ·{' '}
              {t('assistance.money.funded')} <Money amount={project.funded} /> · {t('assistance.money.spent')}{' '}
              <Money amount={project.spent} />
            </p>
            {project.funding.length > 0 && (
              <ul>
                {project.funding.map((f, i) => (
                  <li key={i}>
                    <span lang="en">{donorName(f.donorId)}</span> (
                    <span lang="en">{earmarkName(f.earmarkId)}</span>):{' '}
                    <Money amount={f.allocated} currency="USD" />
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="hint">{t('chain.noMoney')}</p>
        )}
      </li>
      <li className="chain-step" data-step="outcome">
        <span className="chain-label">{t('chain.outcome')}</span>
        {project && project.outcomes.length > 0 ? (
          <ul>
            {project.outcomes.map((o) => (
              <li key={o.id}>
                <OutcomeText outcome={o} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('chain.noOutcome')}</p>
        )}
      </li>
    </ol>
  );
}

function Contributions({ participantId }: { participantId: string }) {
  const { t } = useFormat();
  const auth = useAuth();
  const donors = useResource(listDonors, []);
  const own = (donors.data ?? []).filter((d) => d.participantId === participantId);
  const real = own.filter((d) => !d.illustrative);
  const shown = real.length > 0 ? real : own;
  const illustrative = shown.length > 0 && shown.every((d) => d.illustrative);
  const contributions = useResource(
    (signal) =>
      shown.length ? getContributions(illustrative ? 'illustrative' : 'real', signal) : Promise.resolve(null),
    [shown.map((d) => d.id).join(','), illustrative],
  );
  if (donors.error !== undefined) return <ProblemAlert error={donors.error} onRetry={donors.reload} />;
  if (!donors.data) return null;
  if (shown.length === 0) return <p className="hint">{t('country.noContributions')}</p>;
  const ids = new Set(shown.map((d) => d.id));
  const rows = (contributions.data?.rows ?? []).filter((r) => ids.has(r.donorId));
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const mayRead = (id: string) =>
    auth.can('fund.read') && (auth.user?.role !== 'donor' || auth.user.donors.includes(id));
  return (
    <>
      {illustrative && <IllustrativeBanner />}
      {rows.length === 0 ? (
        <p>{t('country.noContributionsYet')}</p>
      ) : (
        <table className="participants numbers compact-table">
          <caption>{t('country.contributionsCaption', { currency: 'USD' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fund.columns.year')}</th>
              <th scope="col">{t('fund.columns.contributions')}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                <td>
                  <Money amount={sumDecimals(rows.filter((r) => r.year === y).map((r) => r.amount))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="plain-list">
        {shown.map((d) =>
          mayRead(d.id) ? (
            <li key={d.id}>
              <Link to={`/fund/donors/${encodeURIComponent(d.id)}`}>
                {t('country.donorStatement', { name: d.name })}
              </Link>
            </li>
          ) : null,
        )}
      </ul>
    </>
  );
}
