// Technical assistance (/assistance): what it is, the projects the viewer may see (published ones for the
// public; a State its own; the Secretariat all), and the ways in: a State's needs assessment, the requests.
import { useId, useState } from 'react';
import { listProjects, type Project } from '../../api-assistance.ts';
import { useAuth } from '../../auth.tsx';
import { navigate } from '../../router.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Money } from '../fund/common.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { AssistanceNav, ProjectStatusBadge, StateLink, statesFor, useParticipants } from './common.tsx';
import { DataTable } from '../DataTable.tsx';

export function AssistancePage() {
  const { t } = useFormat();
  useTitle(t('assistance.title'));
  const id = useId();
  const auth = useAuth();
  const projects = useResource((signal) => listProjects(null, signal), []);
  const { participants, nameOf } = useParticipants();
  return (
    <>
      <h1>{t('assistance.title')}</h1>
      <p className="meta">{t('assistance.lead')}</p>
      <AssistanceNav />
      {auth.can('assessment.write') && auth.user?.role !== 'focal_point' && participants.data && (
        <AssessmentChooser options={statesFor(participants.data, null)} />
      )}
      <section aria-labelledby={`${id}-projects`} className="participants-section">
        <h2 id={`${id}-projects`}>{t('assistance.projects.heading')}</h2>
        {projects.error !== undefined && <ProblemAlert error={projects.error} onRetry={projects.reload} />}
        {projects.data && projects.data.length === 0 && <p>{t('assistance.projects.none')}</p>}
        {projects.data && projects.data.length > 0 && (
          <DataTable
            testId="projects-table"
            numbers
            caption={t('assistance.projects.caption', { count: projects.data.length })}
            rowHeader={{
              key: 'project',
              label: t('assistance.projects.project'),
              cell: (p) => (
                <>
                  <Link to={`/assistance/projects/${p.id}`} lang="en">
                    {p.title}
                  </Link>{' '}
                  <span className="code">{p.ref}</span>
                </>
              ),
            }}
            columns={[
              {
                key: 'state',
                text: true,
                label: t('assistance.columns.state'),
                cell: (p) => <StateLink id={p.participantId} name={nameOf(p.participantId)} />,
              },
              {
                key: 'status',
                text: true,
                label: t('assistance.columns.status'),
                cell: (p) => <ProjectStatusBadge status={p.status} />,
              },
              ...(['budget', 'funded', 'spent'] as const).map((k) => ({
                key: k,
                label: t(`assistance.money.${k}`),
                cell: (p: Project) => <Money amount={p[k]} currency={p.currency} />,
              })),
            ]}
            rows={projects.data}
            rowKey={(p) => p.id}
          />
        )}
      </section>
    </>
  );
}

/** The Secretariat opens any State's needs assessment. */
function AssessmentChooser({ options }: { options: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = useFormat();
  const id = useId();
  const [state, setState] = useState('');
  return (
    <form
      className="controls inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (state) navigate(`/assistance/countries/${state}/assessment`);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-state`}>{t('assistance.openAssessment')}</label>
        <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('record.choose')}</option>
          {options.map((p) => (
            <option key={p.id} value={p.id} lang="en">
              {p.name} ({p.id})
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('assistance.open')}</button>
    </form>
  );
}
