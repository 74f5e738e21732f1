// Recording a treaty action (roles with registry.record: the Secretariat for every action, a State focal
// point for its own State's declarations and notifications), with a preview of its effect computed by the
// server (dryRun) before anything is written; and correcting a recorded action, which keeps the history.
import { useEffect, useId, useRef, useState } from 'react';
import {
  ApiError,
  CONFIDENCE_LEVELS,
  correctAction,
  DEPOSIT_KINDS,
  getAction,
  listInstruments,
  listParticipants,
  newIdempotencyKey,
  recordAction,
  STATEMENT_KINDS,
  type ActionEffect,
  type ActionRecord,
} from '../../api.ts';
import { getInstrumentStatements } from '../../api-statements.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import {
  definedFields,
  ErrorSummary,
  errorsFromProblem,
  hasErrors,
  NO_ERRORS,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
  type FormErrors,
} from '../forms.tsx';
import { signaturePeriod } from '../instrument/signaturePeriod.ts';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { RequireSignIn } from '../RequireSignIn.tsx';
import {
  clientErrors,
  EMPTY,
  FIELDS,
  fieldsFor,
  fromAction,
  isSignatureKind,
  targetCandidates,
  toRequest,
  UNRECORDED_TARGET,
  type Field,
  type Values,
} from './actionForm.ts';
import { EffectPreview } from './EffectPreview.tsx';

export function RecordPage() {
  const { t } = useFormat();
  const correctId = Number(new URLSearchParams(window.location.search).get('correct') ?? '') || null;
  const title = correctId ? t('record.correctTitle') : t('record.title');
  useTitle(title);
  return (
    <div className="narrow wide">
      <h1>{title}</h1>
      <RequireSignIn permission="registry.record">
        {correctId ? <CorrectionLoader actionId={correctId} /> : <ActionForm original={null} />}
      </RequireSignIn>
    </div>
  );
}

function CorrectionLoader({ actionId }: { actionId: number }) {
  const action = useResource((signal) => getAction(actionId, signal), [actionId]);
  if (action.error !== undefined) return <ProblemAlert error={action.error} onRetry={action.reload} />;
  if (!action.data) return null;
  return <ActionForm original={action.data} />;
}

/** Server messages go to the field they name; a correction's `replacement.date` goes to `date`. */
function serverErrors(error: unknown, t: ReturnType<typeof useFormat>['t']): FormErrors {
  if (error instanceof ApiError && error.problem.errors) {
    const errors = error.problem.errors.map((e) => ({ ...e, field: e.field.replace(/^replacement\./, '') }));
    error = new ApiError({ ...error.problem, errors });
  }
  // The schema's generic messages, put in words; the treaty rules (with their article) are shown as given.
  return errorsFromProblem(error, t, FIELDS, ({ field, status, message }) => {
    if (status === 403 && field === null) return t('record.forbidden');
    if (field && message?.startsWith('Too big')) return t('record.tooLong');
    if (field && message?.startsWith('Too small')) return t('record.missing');
    return undefined;
  });
}

type Outcome =
  | { kind: 'recorded'; action: ActionRecord; effect: ActionEffect }
  | { kind: 'corrected'; corrected: ActionRecord; replacement: ActionRecord | null };

function ActionForm({ original }: { original: ActionRecord | null }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const id = useId();
  const fieldId = (f: string) => `${id}-${f}`;
  const focal = auth.user?.role === 'focal_point';
  const initial = (): Values => {
    if (original) return fromAction(original);
    const params = new URLSearchParams(window.location.search);
    return {
      ...EMPTY,
      participantId:
        params.get('participant') ?? (focal && auth.user?.states.length === 1 ? auth.user.states[0]! : ''),
      instrumentId: params.get('instrument') ?? '',
    };
  };
  const [values, setValues] = useState<Values>(initial);
  const [mode, setMode] = useState<'record' | 'replace' | 'void'>(original ? 'replace' : 'record');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ActionEffect | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const instruments = useResource(listInstruments, []);
  const participants = useResource((signal) => listParticipants(null, signal), []);
  const previewRef = useRef<HTMLDivElement>(null);
  // One key per submission, kept while the user retries it (a lost answer): the server records it once.
  const submissionKey = useRef(newIdempotencyKey());
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    submissionKey.current = newIdempotencyKey();
    setPreview(null);
    setOutcome(null);
  };
  const fail = (next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event: { preventDefault(): void }, commit: boolean) {
    event.preventDefault();
    if (busy) return;
    const local = definedFields(clientErrors(values, t, mode));
    if (Object.keys(local).length > 0) return fail({ fields: local, form: [] });
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      if (original) {
        const replacement = mode === 'replace' ? toRequest(values) : null;
        const result = await correctAction(original.id, { reason: values.reason.trim(), replacement });
        setOutcome({ kind: 'corrected', ...result });
      } else if (!commit) {
        setPreview((await recordAction(toRequest(values), true)).effect);
      } else {
        const result = await recordAction(toRequest(values), false, submissionKey.current);
        setPreview(null);
        setOutcome({ kind: 'recorded', action: result.action as ActionRecord, effect: result.effect });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) void auth.refresh();
      // The server could not be reached: it may have recorded the action and lost the answer. The preview
      // stays, so the user sends the same submission (same key) again and gets the first answer.
      if (!(commit && error instanceof ApiError && error.status === 0)) setPreview(null);
      fail(serverErrors(error, t));
    } finally {
      setBusy(false);
    }
  }

  const allowedStates = focal ? new Set(auth.user?.states ?? []) : null;
  const participantOptions = (participants.data ?? [])
    .filter((p) => !allowedStates || allowedStates.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const kinds = focal ? STATEMENT_KINDS : [...DEPOSIT_KINDS, ...STATEMENT_KINDS];
  const use = fieldsFor(values.kind);
  const editable = mode !== 'void';
  // The statements an objection or a withdrawal may answer: those recorded for the chosen instrument.
  const statementsOf = useResource(
    (signal) =>
      use.target && values.instrumentId
        ? getInstrumentStatements(values.instrumentId, signal)
        : Promise.resolve(undefined),
    [use.target, values.instrumentId],
  );
  const targets = targetCandidates(statementsOf.data?.statements ?? [], values.kind, values.participantId);
  const name = participants.data?.find((p) => p.id === values.participantId)?.name ?? values.participantId;
  const instrument = instruments.data?.find((i) => i.id === values.instrumentId);
  const instrumentName = instrument ? instrumentShortTitle(t, instrument) : values.instrumentId;
  // For a signature, the instrument's signature period next to the date (the server checks it again).
  const period = instrument && isSignatureKind(values.kind) ? signaturePeriod(t, date, instrument) : null;

  if (outcome) return <OutcomeNotice outcome={outcome} name={name} instrumentName={instrumentName} />;

  return (
    <form noValidate onSubmit={(e) => void submit(e, false)} data-testid="action-form">
      <p>
        {original
          ? t('record.correctLead', { id: original.id })
          : t(focal ? 'record.leadFocal' : 'record.lead')}
      </p>
      <ErrorSummary errors={errors} fieldId={fieldId} order={FIELDS} attempt={attempt} />
      {original && (
        <fieldset className="field">
          <legend>{t('record.correctionKind')}</legend>
          {(['replace', 'void'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
              {t(`record.mode.${m}`)}
            </label>
          ))}
        </fieldset>
      )}
      {original && (
        <TextAreaField
          id={fieldId('reason')}
          label={t('record.reason')}
          hint={t('record.reasonHint')}
          error={errors.fields.reason}
          value={values.reason}
          rows={2}
          onChange={(e) => set('reason')(e.target.value)}
        />
      )}
      {editable && (
        <>
          <SelectField
            id={fieldId('instrumentId')}
            label={t('controls.instrument')}
            error={errors.fields.instrumentId}
            value={values.instrumentId}
            onChange={(e) => set('instrumentId')(e.target.value)}
          >
            <option value="">{t('record.choose')}</option>
            {(instruments.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {instrumentShortTitle(t, i)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('participantId')}
            label={t('record.participant')}
            error={errors.fields.participantId}
            value={values.participantId}
            onChange={(e) => set('participantId')(e.target.value)}
          >
            <option value="">{t('record.choose')}</option>
            {participantOptions.map((p) => (
              <option key={p.id} value={p.id} lang="en">
                {p.name} ({p.id})
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('kind')}
            label={t('record.kind')}
            hint={focal ? t('record.kindHintFocal') : undefined}
            error={errors.fields.kind}
            value={values.kind}
            onChange={(e) => set('kind')(e.target.value)}
          >
            <option value="">{t('record.choose')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`actionKind.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={fieldId('date')}
            label={t('record.date')}
            hint={period ? `${t('record.dateHint')} ${period}.` : t('record.dateHint')}
            error={errors.fields.date}
            value={values.date}
            inputMode="numeric"
            autoComplete="off"
            onChange={(e) => set('date')(e.target.value)}
          />
          {use.article && (
            <TextField
              id={fieldId('article')}
              label={t('record.article')}
              hint={t('record.articleHint')}
              error={errors.fields.article}
              value={values.article}
              onChange={(e) => set('article')(e.target.value)}
            />
          )}
          {use.target && (
            <>
              <SelectField
                id={fieldId('targetActionId')}
                label={t('statements.form.target')}
                hint={t('statements.form.targetHint')}
                error={errors.fields.targetActionId}
                value={values.targetActionId}
                onChange={(e) => set('targetActionId')(e.target.value)}
              >
                <option value="">{t('record.choose')}</option>
                {targets.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {t('statements.form.targetOption', {
                      name: s.participantName,
                      kind: t(`actionKind.${s.kind}`),
                      article: s.article ? t('record.articleShort', { article: s.article }) : '',
                      date: s.date ? date(s.date) : t('statements.dateNotKnown'),
                    })}
                  </option>
                ))}
                {values.kind === 'objection' && (
                  <option value={UNRECORDED_TARGET}>{t('statements.form.targetUnrecorded')}</option>
                )}
              </SelectField>
              {values.targetActionId === UNRECORDED_TARGET && (
                <SelectField
                  id={fieldId('targetParticipantId')}
                  label={t('statements.form.targetParticipant')}
                  error={errors.fields.targetParticipantId}
                  value={values.targetParticipantId}
                  onChange={(e) => set('targetParticipantId')(e.target.value)}
                >
                  <option value="">{t('record.choose')}</option>
                  {(participants.data ?? [])
                    .filter((p) => p.id !== values.participantId)
                    .sort((a, b) => a.name.localeCompare(b.name))
                    .map((p) => (
                      <option key={p.id} value={p.id} lang="en">
                        {p.name} ({p.id})
                      </option>
                    ))}
                </SelectField>
              )}
            </>
          )}
          {use.territory && (
            <TextField
              id={fieldId('territory')}
              label={t('record.territory')}
              error={errors.fields.territory}
              value={values.territory}
              onChange={(e) => set('territory')(e.target.value)}
            />
          )}
          {use.text && (
            <TextAreaField
              id={fieldId('text')}
              label={t('record.text')}
              error={errors.fields.text}
              value={values.text}
              rows={4}
              onChange={(e) => set('text')(e.target.value)}
            />
          )}
          {use.text && (
            <>
              <TextAreaField
                id={fieldId('summary')}
                label={t('statements.form.summary')}
                hint={t('statements.form.summaryHint')}
                error={errors.fields.summary}
                value={values.summary}
                rows={2}
                onChange={(e) => set('summary')(e.target.value)}
              />
              <SelectField
                id={fieldId('confidence')}
                label={t('statements.form.confidence')}
                error={errors.fields.confidence}
                value={values.confidence}
                onChange={(e) => set('confidence')(e.target.value)}
              >
                <option value="">{t('statements.form.confidenceNone')}</option>
                {CONFIDENCE_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`statements.confidence.${level}`)}
                  </option>
                ))}
              </SelectField>
            </>
          )}
          <TextField
            id={fieldId('depositaryRef')}
            label={t('record.depositaryRef')}
            hint={t('record.depositaryRefHint')}
            error={errors.fields.depositaryRef}
            value={values.depositaryRef}
            onChange={(e) => set('depositaryRef')(e.target.value)}
          />
          <TextField
            id={fieldId('source')}
            label={t('record.source')}
            hint={t('record.sourceHint')}
            error={errors.fields.source}
            value={values.source}
            onChange={(e) => set('source')(e.target.value)}
          />
          <TextAreaField
            id={fieldId('notes')}
            label={t('record.notes')}
            error={errors.fields.notes}
            value={values.notes}
            rows={2}
            onChange={(e) => set('notes')(e.target.value)}
          />
        </>
      )}
      {preview && (
        <div className="preview" ref={previewRef} tabIndex={-1} data-testid="preview">
          <EffectPreview effect={preview} kind={values.kind} name={name} instrumentName={instrumentName} />
          <div className="form-actions">
            <button type="button" onClick={(e) => void submit(e, true)} aria-disabled={busy || undefined}>
              {busy ? t('record.working') : t('record.confirm')}
            </button>
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className={preview ? 'secondary' : undefined} aria-disabled={busy || undefined}>
          {original ? t('record.saveCorrection') : preview ? t('record.previewAgain') : t('record.preview')}
        </button>
        {original && <Link to={`/countries/${original.participantId}`}>{t('form.cancel')}</Link>}
      </div>
      {hasErrors(errors) && <p className="visually-hidden">{t('form.problemHeading')}</p>}
    </form>
  );
}

function OutcomeNotice({
  outcome,
  name,
  instrumentName,
}: {
  outcome: Outcome;
  name: string;
  instrumentName: string;
}) {
  const { t } = useFormat();
  const participantId =
    outcome.kind === 'recorded' ? outcome.action.participantId : outcome.corrected.participantId;
  return (
    <Notice focusKey={1} testId="outcome">
      <h2>{outcome.kind === 'recorded' ? t('record.recorded') : t('record.corrected')}</h2>
      {outcome.kind === 'recorded' ? (
        <EffectPreview
          effect={outcome.effect}
          kind={outcome.action.kind}
          name={name}
          instrumentName={instrumentName}
          done
        />
      ) : (
        <p>
          {outcome.replacement
            ? t('record.correctedReplaced', { id: outcome.corrected.id, replacement: outcome.replacement.id })
            : t('record.correctedVoided', { id: outcome.corrected.id })}
        </p>
      )}
      <p>
        <Link to={`/countries/${participantId}`}>{t('record.seeCountry', { name })}</Link>
        {' · '}
        <a href="/record">{t('record.another')}</a>
      </p>
    </Notice>
  );
}
