// A State's needs assessment (/assistance/countries/{id}/assessment): every provision of the Convention and
// its Protocols with its status (in place, partly, not in place, not applicable), the measure cited and the
// assistance needed; filters by instrument, theme and obligation level, and "what remains". The State's
// focal point and programme officers assess a provision in its row; the focal point publishes or withdraws
// it. Confidential to the State and the Secretariat until published (the server answers 404 otherwise).
import { Fragment, useId, useState } from 'react';
import {
  ASSESSMENT_STATUSES,
  ASSISTANCE_KINDS,
  getAssessment,
  OBLIGATIONS,
  recordAssessment,
  setPublication,
  type Assessment,
  type AssessmentRow,
} from '../../api-assistance.ts';
import { ApiError, listInstruments } from '../../api.ts';
import { todayIso } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Empty } from '../Empty.tsx';
import { CheckboxGroup, Notice, SelectField, TextAreaField, TextField } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FormShell, optional, useForm } from '../useForm.tsx';
import {
  AssistanceNav,
  obligationLabel,
  THEMES,
  themeLabel,
  useMayForState,
  useParticipants,
} from './common.tsx';
import { TableScroll } from '../TableScroll.tsx';

export function AssessmentPage({ participantId }: { participantId: string }) {
  const { t } = useFormat();
  const { nameOf } = useParticipants();
  const name = nameOf(participantId);
  useTitle(t('assessment.title', { name }));
  const [query, setQuery] = useQuery();
  const filter = {
    instrumentId: query.instrument ?? null,
    theme: query.theme ?? null,
    obligation: query.obligation ?? null,
    remaining: query.remaining === 'yes',
  };
  const assessment = useResource(
    (signal) => getAssessment(participantId, filter, signal),
    [participantId, filter.instrumentId, filter.theme, filter.obligation, filter.remaining],
  );
  const mayFor = useMayForState();
  const mayEdit = mayFor('assessment.write', participantId);
  const mayPublish = mayFor('assessment.publish', participantId);
  const notFound = assessment.error instanceof ApiError && assessment.error.status === 404;
  return (
    <>
      <h1>{t('assessment.title', { name })}</h1>
      <AssistanceNav />
      <p className="meta">{t('assessment.lead')}</p>
      {notFound ? (
        <div className="problem" data-testid="assessment-unavailable">
          <p className="problem-heading">{t('assessment.unavailableHeading')}</p>
          <p>{t('assessment.unavailable')}</p>
        </div>
      ) : (
        assessment.error !== undefined && (
          <ProblemAlert error={assessment.error} onRetry={assessment.reload} />
        )
      )}
      {assessment.data && (
        <>
          <Publication assessment={assessment.data} mayPublish={mayPublish} onChange={assessment.reload} />
          <Progress assessment={assessment.data} />
          {(mayEdit || mayFor('request.write', participantId)) && (
            <p>
              <Link
                className="button-link"
                to={`/assistance/requests/new?participant=${participantId}&provisions=${encodeURIComponent(
                  needed(assessment.data).join(','),
                )}`}
              >
                {t('assessment.request')}
              </Link>
            </p>
          )}
          <Filters query={query} setQuery={setQuery} />
          <AssessmentTable
            participantId={participantId}
            rows={assessment.data.provisions}
            mayEdit={mayEdit}
            onSaved={assessment.reload}
          />
        </>
      )}
    </>
  );
}

/** The provisions whose current assessment names assistance needed. */
function needed(a: Assessment): string[] {
  return a.provisions.filter((p) => p.current && p.current.needs.length > 0).map((p) => p.provision);
}

function Publication({
  assessment,
  mayPublish,
  onChange,
}: {
  assessment: Assessment;
  mayPublish: boolean;
  onChange: () => void;
}) {
  const { t, date } = useFormat();
  const form = useForm({
    initial: { published: '' },
    fields: () => [],
    send: (v, key) => setPublication(assessment.participantId, v.published === 'yes', key),
    done: () => onChange(),
  });
  return (
    <section className="card publication" aria-labelledby="publication-h" data-testid="publication">
      <h2 id="publication-h">{t('assessment.publicationHeading')}</h2>
      <p data-testid="publication-state">
        {assessment.published ? t('assessment.published') : t('assessment.confidential')}
        {assessment.publication &&
          ` ${t('assessment.decided', {
            date: date(assessment.publication.decidedAt.slice(0, 10)),
          })}`}
      </p>
      {mayPublish && (
        <form
          noValidate
          onSubmit={(e) => void form.submit(e, { published: assessment.published ? 'no' : 'yes' })}
        >
          {form.errors.form.map((m, i) => (
            <p key={i} className="field-error" role="alert" lang={m.lang}>
              {m.text}
            </p>
          ))}
          <button type="submit" aria-disabled={form.busy || undefined}>
            {assessment.published ? t('assessment.withdraw') : t('assessment.publish')}
          </button>
          <p className="hint">
            {assessment.published ? t('assessment.withdrawHint') : t('assessment.publishHint')}
          </p>
        </form>
      )}
    </section>
  );
}

function Progress({ assessment }: { assessment: Assessment }) {
  const { t, number } = useFormat();
  const keys = ['in_place', 'partly', 'not_in_place', 'not_applicable', 'not_assessed'] as const;
  return (
    <dl className="counts" data-testid="assessment-progress">
      {keys.map((k) => (
        <div className="count" key={k} data-count={k}>
          <dt>{t(`assessment.status.${k}`)}</dt>
          <dd>{number(assessment.progress[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

function Filters({
  query,
  setQuery,
}: {
  query: Record<string, string>;
  setQuery: (patch: Record<string, string | null>) => void;
}) {
  const { t } = useFormat();
  const id = useId();
  const instruments = useResource(listInstruments, []);
  return (
    <div className="filters" role="search" aria-label={t('assessment.filters')}>
      <div className="field">
        <label htmlFor={`${id}-instrument`}>{t('controls.instrument')}</label>
        <select
          id={`${id}-instrument`}
          value={query.instrument ?? ''}
          onChange={(e) => setQuery({ instrument: e.target.value || null })}
        >
          <option value="">{t('filters.all')}</option>
          {(instruments.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {instrumentShortTitle(t, i)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-theme`}>{t('assessment.theme')}</label>
        <select
          id={`${id}-theme`}
          value={query.theme ?? ''}
          onChange={(e) => setQuery({ theme: e.target.value || null })}
        >
          <option value="">{t('filters.all')}</option>
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {themeLabel(t, th)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-obligation`}>{t('assessment.obligationLevel')}</label>
        <select
          id={`${id}-obligation`}
          value={query.obligation ?? ''}
          onChange={(e) => setQuery({ obligation: e.target.value || null })}
        >
          <option value="">{t('filters.all')}</option>
          {OBLIGATIONS.map((o) => (
            <option key={o} value={o}>
              {obligationLabel(t, o)}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={query.remaining === 'yes'}
          onChange={(e) => setQuery({ remaining: e.target.checked ? 'yes' : null })}
        />{' '}
        {t('assessment.remaining')}
      </label>
    </div>
  );
}

function AssessmentTable({
  participantId,
  rows,
  mayEdit,
  onSaved,
}: {
  participantId: string;
  rows: AssessmentRow[];
  mayEdit: boolean;
  onSaved: () => void;
}) {
  const { t, date } = useFormat();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const columns = mayEdit ? 7 : 6;
  return (
    <>
      {saved && (
        <Notice focusKey={saved} testId="assessment-saved">
          {t('assessment.saved', { provision: saved })}
        </Notice>
      )}
      <TableScroll label={t('assessment.caption', { count: rows.length })}>
        <table className="participants" data-testid="assessment-table">
          <caption>{t('assessment.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.provision')}</th>
              <th scope="col">{t('assessment.theme')}</th>
              <th scope="col">{t('assessment.obligationLevel')}</th>
              <th scope="col">{t('assessment.statusColumn')}</th>
              <th scope="col">{t('assessment.measure')}</th>
              <th scope="col">{t('assessment.needs')}</th>
              {mayEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('assessment.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.provision}>
                <tr data-provision={r.provision}>
                  <th scope="row">
                    <span className="code">{r.provision}</span> <span lang="en">{r.title}</span>
                  </th>
                  <td>{themeLabel(t, r.theme)}</td>
                  <td>{obligationLabel(t, r.obligation)}</td>
                  <td data-column="status">
                    {r.current ? (
                      <>
                        <span className={`assess assess-${r.current.status}`}>
                          {t(`assessment.status.${r.current.status as (typeof ASSESSMENT_STATUSES)[number]}`)}
                        </span>
                        <br />
                        <span className="hint">{date(r.current.assessedOn)}</span>
                      </>
                    ) : (
                      <span className="assess assess-not_assessed">
                        {t('assessment.status.not_assessed')}
                      </span>
                    )}
                  </td>
                  <td lang="en">{r.current?.measure ?? <Empty />}</td>
                  <td>
                    {r.current?.needs.length ? (
                      r.current.needs
                        .map((n) => t(`assistance.kind.${n as (typeof ASSISTANCE_KINDS)[number]}`))
                        .join(', ')
                    ) : (
                      <Empty />
                    )}
                  </td>
                  {mayEdit && (
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        aria-expanded={editing === r.provision}
                        onClick={() => setEditing(editing === r.provision ? null : r.provision)}
                        aria-label={t('assessment.assessLabel', { provision: r.provision })}
                      >
                        {t('assessment.assess')}
                      </button>
                    </td>
                  )}
                </tr>
                {editing === r.provision && (
                  <tr className="editor-row">
                    <td colSpan={columns}>
                      <AssessForm
                        participantId={participantId}
                        row={r}
                        onDone={() => {
                          setEditing(null);
                          setSaved(r.provision);
                          onSaved();
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

interface AssessValues {
  status: string;
  measure: string;
  needs: string[];
  note: string;
  assessedOn: string;
}

function AssessForm({
  participantId,
  row,
  onDone,
  onCancel,
}: {
  participantId: string;
  row: AssessmentRow;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useFormat();
  const form = useForm<AssessValues, Assessment>({
    initial: {
      status: row.current?.status ?? '',
      measure: row.current?.measure ?? '',
      needs: row.current?.needs ?? [],
      note: row.current?.note ?? '',
      assessedOn: todayIso(),
    },
    fields: () => ['status', 'measure', 'needs', 'note', 'assessedOn', 'provision'],
    check: (v) => ({ status: v.status ? undefined : { text: t('assessment.statusRequired') } }),
    rename: (path) => path.replace(/^entries\.\d+\./, ''),
    send: (v, key) =>
      recordAssessment(
        participantId,
        {
          assessedOn: v.assessedOn,
          entries: [
            {
              provision: row.provision,
              status: v.status as (typeof ASSESSMENT_STATUSES)[number],
              measure: optional(v.measure),
              needs: v.needs as Array<(typeof ASSISTANCE_KINDS)[number]>,
              note: optional(v.note),
            },
          ],
        },
        key,
      ),
    done: onDone,
  });
  return (
    <FormShell
      form={form}
      submit={t('assessment.save')}
      working={t('assessment.saving')}
      testId="assess-form"
      className="assess-form"
      actions={
        <button type="button" className="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      }
    >
      <p className="assess-heading">
        {t('assessment.assessing')} <strong className="code">{row.provision}</strong>{' '}
        <span lang="en">{row.title}</span>
      </p>
      <SelectField label={t('assessment.statusColumn')} {...form.bind('status')}>
        <option value="">{t('record.choose')}</option>
        {ASSESSMENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`assessment.status.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('assessment.measure')}
        hint={t('assessment.measureHint')}
        {...form.bind('measure')}
      />
      <CheckboxGroup
        id={form.fieldId('needs')}
        legend={t('assessment.needs')}
        hint={t('assessment.needsHint')}
        error={form.errors.fields.needs}
        options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: t(`assistance.kind.${k}`) }))}
        selected={form.values.needs}
        onChange={(needs) => form.setValues((v) => ({ ...v, needs }))}
      />
      <TextAreaField label={t('assessment.note')} rows={2} {...form.bind('note')} />
      <TextField type="date" label={t('assessment.assessedOn')} {...form.bind('assessedOn')} />
    </FormShell>
  );
}
