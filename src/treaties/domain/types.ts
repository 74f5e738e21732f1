import type { IsoDate, PartialDate } from '../../common/dates.ts';

/** Instruments by which a participant consents to be bound (UNTOC art. 36(3)-(4); Protocols likewise). */
export const CONSENT_KINDS = [
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'formal_confirmation',
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** The Treaty Collection's marks after a date of consent: (A), (AA), (a), (d), (c); none for ratification. */
export const CONSENT_MARKERS: Readonly<Record<ConsentKind, string>> = {
  ratification: '',
  acceptance: 'A',
  approval: 'AA',
  accession: 'a',
  succession: 'd',
  formal_confirmation: 'c',
};

/** How sure a source is of a statement (reference/SOURCES.md, statements: the first word of `note`). */
export const CONFIDENCE_LEVELS = ['High', 'Medium-high', 'Medium', 'Low'] as const;

export const STATEMENT_KINDS = [
  'declaration',
  'reservation',
  'objection',
  'withdrawal',
  'notification',
  'territorial_application',
] as const;

/**
 * How a participant becomes a signatory: by signing, or, for a successor State, by succeeding to its
 * predecessor's signature (the UN Treaty Collection's "d" in the signature column).
 */
export const SIGNATURE_KINDS = ['signature', 'succession_to_signature'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

export const ACTION_KINDS = [
  ...SIGNATURE_KINDS,
  ...CONSENT_KINDS,
  ...STATEMENT_KINDS,
  'denunciation',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export function isConsent(kind: ActionKind): kind is ConsentKind {
  return (CONSENT_KINDS as readonly string[]).includes(kind);
}

export function isSignature(kind: ActionKind): kind is SignatureKind {
  return (SIGNATURE_KINDS as readonly string[]).includes(kind);
}

/** The kinds that decide dates and status: signatures, every consent, denunciation. Statements do not. */
export const STATUS_KINDS: readonly ActionKind[] = [...SIGNATURE_KINDS, ...CONSENT_KINDS, 'denunciation'];

export function bearsOnStatus(kind: ActionKind): boolean {
  return kind === 'denunciation' || isSignature(kind) || isConsent(kind);
}

/** How a later party's date is worded: UNTOC art. 38(2) gives only "30th day after"; the Protocols add "or the Protocol's own date, whichever is later". */
export type LaterRule = 'plus_days' | 'later_of';

/**
 * Whether an instrument can be signed at all: 'none' (no signature clause: participants only accede) or
 * 'open' (from `signatureOpensOn`, until `signatureClosesOn`, or indefinitely when that is null).
 */
export const SIGNATURE_MODES = ['none', 'open'] as const;
export type SignatureMode = (typeof SIGNATURE_MODES)[number];

/** The final-clause parameters of an instrument: data, not code. */
export interface InstrumentRules {
  id: string;
  shortTitle: string;
  adoptedOn: IsoDate;
  signature: SignatureMode;
  /** The first day of signature; set whenever `signature` is 'open'. */
  signatureOpensOn: IsoDate | null;
  /** The last day of signature; null while open is open-ended (or when there is no signature). */
  signatureClosesOn: IsoDate | null;
  threshold: number;
  eifDays: number;
  laterDays: number;
  laterRule: LaterRule;
  reioCounted: boolean;
  parentId: string | null;
  denunciationMonths: number;
  eifArticle: string;
  laterArticle: string;
  signatureArticle: string;
  denunciationArticle: string;
  /** On a parent: the article under which denouncing it denounces its protocols (UNTOC 40(3)). */
  cascadeArticle: string | null;
  /** On a child: the parent's article requiring parties to be parties to the parent (UNTOC 37(2)). */
  parentRequirementArticle: string | null;
}

export type ParticipantKind = 'state' | 'reio';

export interface ParticipantRef {
  id: string;
  name: string;
  kind: ParticipantKind;
}

/** One recorded action in effect (corrected or voided actions are left out before the engine sees them). */
export interface RegistryAction {
  id: number;
  instrumentId: string;
  participantId: string;
  kind: ActionKind;
  /** The date as the source gives it, narrowed by any known bounds. */
  date: PartialDate;
}

/** A computed date: exact (`on`), or a range when a source date is too imprecise, with its reason. */
export interface ComputedDate {
  on: IsoDate | null;
  /** Bounds when `on` is not fixed; a null bound is unknown. */
  earliest: IsoDate | null;
  latest: IsoDate | null;
  /** True while the date waits on an event that has not happened (the instrument is not yet in force). */
  pending?: boolean;
  explanation: string;
}

export interface InstrumentEntryIntoForce {
  instrumentId: string;
  /** Instruments counted toward the threshold, in order of deposit. */
  counted: number;
  threshold: number;
  thresholdDeposit: { participantId: string; participantName: string; on: IsoDate; sameDay: number } | null;
  /** Null while the threshold has not been reached. */
  eif: ComputedDate | null;
  explanation: string;
}

export interface Participation {
  consentActionId: number;
  consentKind: ConsentKind;
  consent: PartialDate;
  eif: ComputedDate;
  denunciation: {
    actionId: number;
    notified: PartialDate;
    effective: ComputedDate;
    /** True when the party left because it denounced the parent Convention (UNTOC art. 40(3)). */
    viaParent: boolean;
  } | null;
}

export interface PartyRecord {
  participantId: string;
  signature: { actionId: number; kind: SignatureKind; date: PartialDate } | null;
  participations: Participation[];
}

export interface InstrumentComputation {
  rules: InstrumentRules;
  entry: InstrumentEntryIntoForce;
  parties: Map<string, PartyRecord>;
}

export type ParticipantState =
  | 'none'
  | 'signatory'
  | 'party_pending' // consent deposited, not yet in force for it
  | 'party' // in force for it
  | 'uncertain' // a source date too imprecise to tell on this day
  | 'withdrawn'; // denunciation has taken effect
