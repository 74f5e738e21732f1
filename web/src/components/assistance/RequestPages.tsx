// Assistance requests: the list (/assistance/requests) and one request (/assistance/requests/{id}) with every
// step of its workflow, the steps the signed-in role may take now (submit, assess, approve, start; decline
// or withdraw with a reason), and, once approved, the form that makes it a project. Confidential to the
// State and the Secretariat (the server answers 404 to anyone else).
import { useId } from 'react';
import {
  createProject,
  getRequest,
  listProjects,
  listRequests,
  REQUEST_STATUSES,
  stepRequest,
  type AssistanceRequest,
  type NewProject,
  type RequestStatus,
} from '../../api-assistance.ts';
import { ApiError, listInstruments, type User } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { todayIso } from '../../format.ts';
import { Link, navigate } from '../../router.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { checkStep, workflowActors, type StepActor } from '../../../../src/assistance/domain/workflow.ts';
import { Empty } from '../Empty.tsx';
import { TextAreaField } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { Money } from '../fund/common.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { SpecForm } from '../SpecForm.tsx';
import { optional, useForm } from '../useForm.tsx';
import { AssistanceNav, RequestStatusBadge, StateLink, useParticipants } from './common.tsx';
import { DataTable } from '../DataTable.tsx';

export function RequestsPage() {
  const { t } = useFormat();
  return (
    <PageFrame title={t('requests.title')} nav={<AssistanceNav />} permission="request.read">
      <RequestList />
    </PageFrame>
  );
}

function RequestList() {
  const { t, date } = useFormat();
  const id = useId();
  const auth = useAuth();
  const [query, setQuery] = useQuery();
  const requests = useResource(listRequests, []);
  const { nameOf } = useParticipants();
  const status = query.status ?? '';
  const shown = (requests.data ?? []).filter((r) => !status || r.status === status);
  return (
    <>
      <p className="meta">{t('requests.lead')}</p>
      {auth.can('request.write') && (
        <p>
          <Link className="button-link" to="/assistance/requests/new">
            {t('requests.new')}
          </Link>
        </p>
      )}
      <div className="filters" role="search" aria-label={t('requests.filters')}>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('assistance.columns.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setQuery({ status: e.target.value || null })}
          >
            <option value="">{t('filters.all')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`assistance.requestStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {requests.error !== undefined && <ProblemAlert error={requests.error} onRetry={requests.reload} />}
      {requests.data && (
        <DataTable
          testId="requests-table"
          caption={t('requests.caption', { count: shown.length })}
          rowHeader={{
            key: 'request',
            label: t('requests.request'),
            cell: (r) => (
              <Link to={`/assistance/requests/${r.id}`}>
                {t('requests.number', { id: r.id })} — <span lang="en">{r.title}</span>
              </Link>
            ),
          }}
          columns={[
            {
              key: 'state',
              label: t('assistance.columns.state'),
              cell: (r) => <StateLink id={r.participantId} name={nameOf(r.participantId)} />,
            },
            {
              key: 'status',
              label: t('assistance.columns.status'),
              cell: (r) => <RequestStatusBadge status={r.status} />,
            },
            { key: 'requestedOn', label: t('requests.requestedOn'), cell: (r) => date(r.requestedOn) },
            {
              key: 'eligible',
              label: t('requests.eligible'),
              cell: (r) => (r.eligible ? t('country.yes') : t('country.no')),
            },
          ]}
          rows={shown}
          rowKey={(r) => r.id}
          rowData={(r) => ({ request: r.id })}
        />
      )}
    </>
  );
}

export function RequestPage({ requestId }: { requestId: number }) {
  const { t } = useFormat();
  return (
    <PageFrame
      title={t('requests.number', { id: requestId })}
      nav={<AssistanceNav />}
      permission="request.read"
    >
      <RequestView requestId={requestId} />
    </PageFrame>
  );
}

/** The sides of the workflow the account may act for on this State's request (the server decides again). */
export function stepActors(user: User | null, participantId: string): StepActor[] {
  return user ? workflowActors(user.role, user.states, participantId) : [];
}

/** Steps taken on this page: "funded" comes with the money, "completed" with the project's completion. */
const PAGE_STEPS = REQUEST_STATUSES.filter((s) => s !== 'funded' && s !== 'completed' && s !== 'draft');

function RequestView({ requestId }: { requestId: number }) {
  const { t, date } = useFormat();
  const request = useResource((signal) => getRequest(requestId, signal), [requestId]);
  const projects = useResource(
    (signal) => (request.data ? listProjects(request.data.participantId, signal) : Promise.resolve([])),
    [request.data?.participantId],
  );
  const instruments = useResource(listInstruments, []);
  const auth = useAuth();
  const { nameOf } = useParticipants();
  const r = request.data;
  if (request.error instanceof ApiError && request.error.status === 404)
    return (
      <div className="problem" data-testid="request-unavailable">
        <p className="problem-heading">{t('requests.unavailableHeading')}</p>
        <p>{t('requests.unavailable')}</p>
      </div>
    );
  if (request.error !== undefined) return <ProblemAlert error={request.error} onRetry={request.reload} />;
  if (!r)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  const project = projects.data?.find((p) => p.requestId === r.id);
  const instrument = instruments.data?.find((i) => i.id === r.instrumentId);
  return (
    <div data-testid="request">
      <p className="as-of-lead">
        <span lang="en">{r.title}</span> <RequestStatusBadge status={r.status} />
      </p>
      <dl className="details card">
        <div>
          <dt>{t('assistance.columns.state')}</dt>
          <dd>
            <StateLink id={r.participantId} name={nameOf(r.participantId)} />
          </dd>
        </div>
        <div>
          <dt>{t('requests.kind')}</dt>
          <dd>{t(`requests.kinds.${r.kind as 'implementation' | 'preparatory'}`)}</dd>
        </div>
        <div>
          <dt>{t('controls.instrument')}</dt>
          <dd>{instrument ? instrumentShortTitle(t, instrument) : (r.instrumentId ?? <Empty />)}</dd>
        </div>
        <div>
          <dt>{t('requests.description')}</dt>
          <dd lang="en">{r.description}</dd>
        </div>
        <div>
          <dt>{t('requests.provisions')}</dt>
          <dd>
            <ul className="plain-list">
              {r.provisions.map((p, i) => (
                <li key={p}>
                  <span className="code">{p}</span> <span lang="en">{r.provisionTitles[i]}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('requests.assistance')}</dt>
          <dd>{r.assistance.map((k) => t(`assistance.kind.${k as 'training'}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('requests.neededBy')}</dt>
          <dd>{r.neededBy ? date(r.neededBy) : <Empty />}</dd>
        </div>
        <div>
          <dt>{t('requests.estimatedCost')}</dt>
          <dd>{r.estimatedCost ? <Money amount={r.estimatedCost} currency="USD" /> : <Empty />}</dd>
        </div>
        <div>
          <dt>{t('requests.requestedOn')}</dt>
          <dd>{date(r.requestedOn)}</dd>
        </div>
        <div>
          <dt>{t('requests.eligibility')}</dt>
          <dd data-testid="request-eligibility">
            <strong>{r.eligible ? t('requests.isEligible') : t('requests.notEligible')}</strong>{' '}
            <span lang="en">{r.eligibility}</span>
          </dd>
        </div>
        {r.priority.length > 0 && (
          <div>
            <dt>{t('requests.priority')}</dt>
            <dd>{r.priority.map((p) => t(`requests.priorityGroup.${p as 'ldc'}`)).join(', ')}</dd>
          </div>
        )}
      </dl>
      <Workflow request={r} actors={stepActors(auth.user, r.participantId)} onStep={request.reload} />
      {project ? (
        <p>
          <Link className="button-link" to={`/assistance/projects/${project.id}`}>
            {t('requests.seeProject', { ref: project.ref })}
          </Link>
        </p>
      ) : (
        r.status === 'approved' &&
        auth.can('project.manage') &&
        projects.data && <CreateProjectForm request={r} />
      )}
      <Steps request={r} />
    </div>
  );
}

function Workflow({
  request,
  actors,
  onStep,
}: {
  request: AssistanceRequest;
  actors: StepActor[];
  onStep: () => void;
}) {
  const { t } = useFormat();
  const status = request.status as RequestStatus;
  const allowed = PAGE_STEPS.filter((to) => checkStep(status, to, actors, 'reason').ok);
  const needsReason = (to: RequestStatus) => !checkStep(status, to, actors, null).ok;
  const form = useForm({
    initial: { to: '', reason: '' },
    fields: () => ['reason', 'to'],
    check: (v) => ({
      reason:
        needsReason(v.to as RequestStatus) && !v.reason.trim()
          ? { text: t('requests.reasonRequired', { step: t(`requests.step.${v.to as 'declined'}`) }) }
          : undefined,
    }),
    send: (v, key) => stepRequest(request.id, v.to as RequestStatus, optional(v.reason), key),
    done: () => {
      form.reset();
      onStep();
    },
  });
  if (allowed.length === 0) return null;
  return (
    <section className="card workflow" aria-labelledby="workflow-h">
      <h2 id="workflow-h">{t('requests.workflowHeading')}</h2>
      <form noValidate onSubmit={(e) => e.preventDefault()} data-testid="workflow">
        {form.errors.form.length > 0 && (
          <div className="problem" role="alert">
            {form.errors.form.map((m, i) => (
              <p key={i} lang={m.lang}>
                {m.text}
              </p>
            ))}
          </div>
        )}
        <TextAreaField
          label={t('requests.reason')}
          hint={t('requests.reasonHint')}
          rows={2}
          {...form.bind('reason')}
        />
        <div className="form-actions">
          {allowed.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'declined' || to === 'withdrawn' ? 'secondary' : undefined}
              aria-disabled={form.busy || undefined}
              onClick={() => void form.submit(undefined, { to })}
            >
              {t(`requests.action.${to as 'submitted'}`)}
            </button>
          ))}
        </div>
      </form>
    </section>
  );
}

function Steps({ request }: { request: AssistanceRequest }) {
  const { t } = useFormat();
  return (
    // Not a region of its own: the table below is one, named like this heading.
    <section className="participants-section">
      <h2>{t('requests.stepsHeading')}</h2>
      <DataTable
        testId="steps"
        captionHidden
        caption={t('requests.stepsHeading')}
        rowHeader={{
          key: 'step',
          label: t('requests.stepColumn'),
          cell: (s) => (
            <>
              {s.fromStatus ? `${t(`assistance.requestStatus.${s.fromStatus as 'draft'}`)} → ` : ''}
              {t(`assistance.requestStatus.${s.toStatus as 'draft'}`)}
            </>
          ),
        }}
        columns={[
          {
            key: 'when',
            label: t('requests.when'),
            cell: (s) => <time dateTime={s.at}>{s.at.slice(0, 16).replace('T', ' ')}</time>,
          },
          {
            key: 'by',
            label: t('requests.by'),
            cell: (s) => (
              <>
                {s.byActor.startsWith('token:') && s.byName !== null ? (
                  t('requests.byToken', { name: s.byName })
                ) : (
                  <span lang="en">{s.byName ?? s.byActor}</span>
                )}
                {s.byRole && <> ({t(`roles.${s.byRole as 'admin'}`)})</>}
              </>
            ),
          },
          { key: 'reason', label: t('requests.reason'), lang: 'en', cell: (s) => s.reason ?? <Empty /> },
        ]}
        rows={request.steps}
        rowKey={(s) => s.id}
      />
    </section>
  );
}

function CreateProjectForm({ request }: { request: AssistanceRequest }) {
  const { t } = useFormat();
  return (
    <SpecForm
      heading={t('project.createHeading')}
      lead={t('project.createLead')}
      testId="create-project"
      initial={{ title: request.title, budget: request.estimatedCost ?? '', startsOn: todayIso() }}
      fields={[
        { name: 'title', label: t('project.titleField'), required: t('project.required.title') },
        {
          name: 'budget',
          label: t('project.budget'),
          hint: t('project.budgetHint'),
          kind: 'decimal',
          required: t('project.required.budget'),
        },
        {
          name: 'startsOn',
          label: t('project.startsOn'),
          kind: 'date',
          required: t('project.required.startsOn'),
        },
        { name: 'endsOn', label: t('project.endsOn'), kind: 'date', required: t('project.required.endsOn') },
        { name: 'implementingPartner', label: t('project.partner'), required: t('project.required.partner') },
        {
          name: 'beneficiaries',
          label: t('project.beneficiaries'),
          kind: 'textarea',
          required: t('project.required.beneficiaries'),
        },
        { name: 'published', label: t('project.publish'), kind: 'checkbox' },
      ]}
      submit={t('project.create')}
      send={(body, key) =>
        createProject(
          {
            ...(body as unknown as NewProject),
            requestId: request.id,
            published: body.published === 'yes',
          },
          key,
        )
      }
      done={(project) => navigate(`/assistance/projects/${project.id}`)}
    />
  );
}
