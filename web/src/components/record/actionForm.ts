// The action form's fields, their checks before anything is sent (in the user's language), and the
// request built from them. The server checks everything again, with the treaty rules, and its messages
// are shown at the field they name.
import type { TFunction } from 'i18next';
import {
  CONFIDENCE_LEVELS,
  SIGNATURE_KINDS,
  STATEMENT_KINDS,
  type ActionKind,
  type ActionRecord,
  type NewAction,
} from '../../api.ts';
import type { Message } from '../forms.tsx';

export const FIELDS = [
  'instrumentId',
  'participantId',
  'kind',
  'date',
  'article',
  'targetActionId',
  'targetParticipantId',
  'territory',
  'text',
  'summary',
  'confidence',
  'depositaryRef',
  'source',
  'notes',
  'reason',
] as const;
export type Field = (typeof FIELDS)[number];
export type Values = Record<Field, string>;

export const EMPTY: Values = {
  instrumentId: '',
  participantId: '',
  kind: '',
  date: '',
  article: '',
  targetActionId: '',
  targetParticipantId: '',
  territory: '',
  text: '',
  summary: '',
  confidence: '',
  depositaryRef: '',
  source: '',
  notes: '',
  reason: '',
};

export function fromAction(a: ActionRecord): Values {
  return {
    instrumentId: a.instrumentId,
    participantId: a.participantId,
    kind: a.kind,
    date: a.date ?? '',
    article: a.article ?? '',
    targetActionId: a.targetActionId === null ? '' : String(a.targetActionId),
    targetParticipantId: a.targetParticipantId ?? '',
    territory: a.territory ?? '',
    text: a.text ?? '',
    summary: a.summary ?? '',
    confidence: a.confidence ?? '',
    depositaryRef: a.depositaryRef ?? '',
    source: a.source,
    notes: a.notes ?? '',
    reason: '',
  };
}

export const isStatement = (kind: string) => (STATEMENT_KINDS as readonly string[]).includes(kind);
export const isSignatureKind = (kind: string) => (SIGNATURE_KINDS as readonly string[]).includes(kind);

/**
 * The value of the target select meaning "the statement answered is not recorded here": the form then
 * asks whose statement it was (an objection still stands without its target recorded).
 */
export const UNRECORDED_TARGET = 'unrecorded';

/** Which optional fields the kind of action uses. */
export function fieldsFor(kind: string): {
  article: boolean;
  territory: boolean;
  text: boolean;
  target: boolean;
} {
  return {
    article: isStatement(kind) && kind !== 'territorial_application',
    territory: kind === 'territorial_application',
    text: isStatement(kind),
    // An objection answers another State's statement; a withdrawal, one's own reservation or declaration.
    target: kind === 'objection' || kind === 'withdrawal',
  };
}

/** The statements an objection or a withdrawal may answer, among those recorded for the instrument. */
export function targetCandidates<S extends { id: number; participantId: string; kind: string }>(
  statements: readonly S[],
  kind: string,
  participantId: string,
): S[] {
  const answerable = statements.filter((s) => s.kind === 'reservation' || s.kind === 'declaration');
  if (kind === 'withdrawal') return answerable.filter((s) => s.participantId === participantId);
  if (kind === 'objection') return answerable.filter((s) => s.participantId !== participantId);
  return [];
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The checks the form can make alone; `correcting` adds the reason, `voiding` needs nothing else. */
export function clientErrors(
  v: Values,
  t: TFunction,
  mode: 'record' | 'replace' | 'void',
): Partial<Record<Field, Message>> {
  const out: Partial<Record<Field, Message>> = {};
  if (mode !== 'record' && !v.reason.trim()) out.reason = { text: t('record.reasonRequired') };
  if (mode === 'void') return out;
  if (!v.instrumentId) out.instrumentId = { text: t('record.instrumentRequired') };
  if (!v.participantId) out.participantId = { text: t('record.participantRequired') };
  if (!v.kind) out.kind = { text: t('record.kindRequired') };
  if (!v.date.trim()) out.date = { text: t('record.dateRequired') };
  else if (!PARTIAL_DATE.test(v.date.trim())) out.date = { text: t('record.dateFormat') };
  if (!v.source.trim()) out.source = { text: t('record.sourceRequired') };
  // An objection names what it objects to (the server checks this rule again, with its article).
  if (v.kind === 'objection' && !v.targetActionId)
    out.targetActionId = { text: t('statements.form.targetRequired') };
  else if (v.kind === 'objection' && v.targetActionId === UNRECORDED_TARGET && !v.targetParticipantId)
    out.targetParticipantId = { text: t('statements.form.targetParticipantRequired') };
  return out;
}

function isConfidence(value: string): value is NonNullable<NewAction['confidence']> {
  return (CONFIDENCE_LEVELS as readonly string[]).includes(value);
}

export function toRequest(v: Values): NewAction {
  const optional = (s: string) => (s.trim() ? s.trim() : null);
  const use = fieldsFor(v.kind);
  return {
    instrumentId: v.instrumentId,
    participantId: v.participantId,
    kind: v.kind as ActionKind,
    date: v.date.trim(),
    article: use.article ? optional(v.article) : null,
    territory: use.territory ? optional(v.territory) : null,
    text: use.text ? optional(v.text) : null,
    targetActionId:
      use.target && v.targetActionId && v.targetActionId !== UNRECORDED_TARGET
        ? Number(v.targetActionId)
        : null,
    targetParticipantId:
      use.target && v.targetActionId === UNRECORDED_TARGET ? optional(v.targetParticipantId) : null,
    summary: use.text ? optional(v.summary) : null,
    confidence: use.text && isConfidence(v.confidence) ? v.confidence : null,
    depositaryRef: optional(v.depositaryRef),
    source: v.source.trim(),
    notes: optional(v.notes),
  };
}
