// Rules checked when an action is recorded. Each refusal names the field and cites the article.
// Dates of reduced precision are judged by the interval they stand for: an action is refused only when
// every day of that interval breaks the rule, never on a guess.
import { addMonthsWithin, MAX_DATE, MIN_DATE, type IsoDate, type PartialDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { art } from './explain.ts';
import { DISPUTE_CLAUSES, isDisputeOptOut } from './statements.ts';
import {
  isConsent,
  isSignature,
  type ActionKind,
  type InstrumentRules,
  type ParticipantRef,
  type RegistryAction,
} from './types.ts';

export interface NewAction {
  instrumentId: string;
  participantId: string;
  kind: ActionKind;
  date: PartialDate;
  article: string | null;
  targetActionId: number | null;
  /** For a succession to signature: the predecessor State, when the source names it. */
  targetParticipantId?: string | null;
  /**
   * True for a statement from a cited reference file whose source does not give the article (a notification
   * whose text was stripped from the copy seen): it is recorded as made, under no article, not under a guess.
   */
  sourceGivesNoArticle?: boolean;
}

export interface RuleContext {
  rules: InstrumentRules;
  parentRules: InstrumentRules | null;
  participant: ParticipantRef;
  /** The participant's actions in effect on this instrument. */
  history: readonly RegistryAction[];
  /** The participant's actions in effect on the parent Convention. */
  parentHistory: readonly RegistryAction[];
  today: IsoDate;
}

const FAR = MAX_DATE;
const lo = (d: PartialDate): string => d.earliest ?? MIN_DATE;
const hi = (d: PartialDate): string => d.latest ?? FAR;

/** The day a denunciation takes effect at the latest (UNTOC 40(1): one year after notification). */
function leavesBy(denunciation: RegistryAction, months: number): string {
  // Past the calendar's end it has not taken effect on any day the calendar holds.
  return denunciation.date.latest === null ? FAR : (addMonthsWithin(denunciation.date.latest, months) ?? FAR);
}

/**
 * Whether the participant is (or may be) a contracting party on some day of `on`: a consent on or before
 * that day, not ended by a denunciation that has taken effect by then.
 */
function isPartyOn(history: readonly RegistryAction[], on: PartialDate, months: number): boolean {
  const denunciations = history.filter((a) => a.kind === 'denunciation');
  return history.some(
    (c) =>
      isConsent(c.kind) &&
      lo(c.date) <= hi(on) &&
      !denunciations.some((d) => lo(d.date) >= lo(c.date) && leavesBy(d, months) <= lo(on)),
  );
}

function checkDate(ctx: RuleContext, action: NewAction): void {
  const d = action.date;
  if (d.earliest !== null && d.earliest > ctx.today) {
    throw new DomainError('validation', `date ${d.text} is in the future (today is ${ctx.today})`, {
      field: 'date',
    });
  }
  if (d.latest !== null && d.latest < ctx.rules.adoptedOn) {
    throw new DomainError(
      'rule_violation',
      `date ${d.text} is before ${ctx.rules.shortTitle} was adopted (${ctx.rules.adoptedOn})`,
      { field: 'date' },
    );
  }
}

/** Why a signature date is refused: the period in words, "from X to Y" or "from X, with no closing date". */
function outsidePeriod(rules: InstrumentRules, d: PartialDate): string {
  const when = d.text ?? 'the date';
  return rules.signatureClosesOn === null
    ? `${rules.shortTitle} is open for signature from ${rules.signatureOpensOn}, with no closing date; ${when} is before it opened`
    : `${rules.shortTitle} was open for signature from ${rules.signatureOpensOn} to ${rules.signatureClosesOn}; ${when} is outside that window (after it, States accede)`;
}

function checkSignature(ctx: RuleContext, action: NewAction): void {
  const { rules } = ctx;
  const d = action.date;
  const opens = rules.signatureOpensOn;
  if (rules.signature === 'none' || opens === null) {
    throw new DomainError('rule_violation', `${rules.shortTitle} is not open for signature`, {
      field: 'kind',
    });
  }
  // An open-ended period (no closing date) refuses only a signature wholly before it opens.
  const closes = rules.signatureClosesOn;
  if (hi(d) < opens || (closes !== null && lo(d) > closes)) {
    throw new DomainError('rule_violation', `${art(rules.signatureArticle)}: ${outsidePeriod(rules, d)}`, {
      field: 'date',
    });
  }
  checkSignatory(ctx, action);
}

/** One signature each, of either kind, and none once bound: signing and consenting the same day happens. */
function checkSignatory(ctx: RuleContext, action: NewAction): void {
  const { rules } = ctx;
  if (ctx.history.some((a) => isSignature(a.kind))) {
    throw new DomainError('conflict', `${ctx.participant.name} has already signed ${rules.shortTitle}`, {
      field: 'kind',
    });
  }
  if (ctx.history.some((a) => isConsent(a.kind) && hi(a.date) < lo(action.date))) {
    throw new DomainError(
      'rule_violation',
      `${ctx.participant.name} is already bound by ${rules.shortTitle}; signature comes before consent`,
      { field: 'kind' },
    );
  }
}

/**
 * Succession to signature (the UN Treaty Collection's "d" in the signature column): a State that succeeds
 * another takes over the predecessor's signature of a treaty subject to ratification, and may then ratify it
 * as if it had signed it itself (Vienna Convention on Succession of States in respect of Treaties, 1978,
 * art. 19 for newly independent States, art. 37 for States formed by separation; art. 18 is the counterpart
 * for consent, recorded here as 'succession'). It is notified after independence, usually long after the
 * signature period closed, so no closing date applies. Kept simple: the instrument must have been open for
 * signature (the predecessor signed it in that period), the successor must be a State, not have signed and
 * not already be bound. The predecessor, when the source names it, is the action's targetParticipantId.
 */
function checkSuccessionToSignature(ctx: RuleContext, action: NewAction): void {
  const { rules, participant } = ctx;
  const opens = rules.signatureOpensOn;
  if (rules.signature === 'none' || opens === null) {
    throw new DomainError(
      'rule_violation',
      `${rules.shortTitle} is not open for signature: there is no signature to succeed to`,
      { field: 'kind' },
    );
  }
  if (participant.kind !== 'state') {
    throw new DomainError(
      'rule_violation',
      `only a successor State succeeds to a signature; ${participant.name} is not a State`,
      { field: 'participantId' },
    );
  }
  if (hi(action.date) < opens) {
    throw new DomainError(
      'rule_violation',
      `${art(rules.signatureArticle)}: ${rules.shortTitle} opened for signature on ${opens}; no predecessor could have signed it by ${action.date.text ?? 'that date'}`,
      { field: 'date' },
    );
  }
  if (action.targetParticipantId === participant.id) {
    throw new DomainError(
      'validation',
      'a State does not succeed to its own signature: name its predecessor',
      {
        field: 'targetParticipantId',
      },
    );
  }
  checkSignatory(ctx, action);
}

/** True when a consent of the participant is still open on every day of `on`: no denunciation has taken effect. */
function hasOpenConsent(history: readonly RegistryAction[], on: PartialDate, months: number): boolean {
  const denunciations = history.filter((a) => a.kind === 'denunciation');
  return history.some(
    (c) =>
      isConsent(c.kind) &&
      !denunciations.some((d) => lo(d.date) >= lo(c.date) && leavesBy(d, months) <= hi(on)),
  );
}

function checkConsent(ctx: RuleContext, action: NewAction): void {
  const { rules, parentRules, participant } = ctx;
  if (hasOpenConsent(ctx.history, action.date, rules.denunciationMonths)) {
    throw new DomainError(
      'conflict',
      `${participant.name} has already deposited an instrument of consent to ${rules.shortTitle}; a second consent is refused (correct the first one instead)`,
      { field: 'kind' },
    );
  }
  if (parentRules && !isPartyOn(ctx.parentHistory, action.date, parentRules.denunciationMonths)) {
    throw new DomainError(
      'rule_violation',
      `${parentRules.shortTitle} ${art(rules.parentRequirementArticle ?? '37(2)')}: ${participant.name} must be (or become the same day) a party to ${parentRules.shortTitle} to become a party to ${rules.shortTitle}; no consent to ${parentRules.shortTitle} is recorded on or before ${action.date.text ?? 'that date'}`,
      { field: 'participantId' },
    );
  }
}

function checkDenunciation(ctx: RuleContext, action: NewAction): void {
  if (!isPartyOn(ctx.history, action.date, ctx.rules.denunciationMonths)) {
    throw new DomainError(
      'rule_violation',
      `${art(ctx.rules.denunciationArticle)}: only a party may denounce; ${ctx.participant.name} is not a party to ${ctx.rules.shortTitle} on ${action.date.text ?? 'that date'}`,
      { field: 'kind' },
    );
  }
  const lastConsent = ctx.history
    .filter((a) => isConsent(a.kind))
    .sort((a, b) => (lo(a.date) < lo(b.date) ? -1 : 1))
    .at(-1);
  if (
    lastConsent &&
    ctx.history.some((a) => a.kind === 'denunciation' && lo(a.date) >= lo(lastConsent.date))
  ) {
    throw new DomainError(
      'conflict',
      `${ctx.participant.name} has already denounced ${ctx.rules.shortTitle}`,
      {
        field: 'kind',
      },
    );
  }
}

function checkStatement(ctx: RuleContext, action: NewAction): void {
  const involved = ctx.history.some(
    (a) => (isSignature(a.kind) || isConsent(a.kind)) && lo(a.date) <= hi(action.date),
  );
  if (!involved) {
    throw new DomainError(
      'rule_violation',
      `${ctx.participant.name} has neither signed nor consented to ${ctx.rules.shortTitle} by ${action.date.text ?? 'that date'}; a ${action.kind.replace('_', ' ')} needs one of them`,
      { field: 'kind' },
    );
  }
  if (action.kind === 'notification' && !action.article && !action.sourceGivesNoArticle) {
    throw new DomainError('validation', 'a notification names the article it is made under, e.g. "18(13)"', {
      field: 'article',
    });
  }
  if (action.kind === 'objection' && action.targetActionId == null && !action.targetParticipantId) {
    throw new DomainError(
      'validation',
      'an objection names what it objects to: the reservation or declaration (targetActionId), or at least the participant that made it (targetParticipantId) when that statement is not recorded here',
      { field: 'targetActionId' },
    );
  }
  if (isDisputeOptOut({ instrumentId: ctx.rules.id, kind: action.kind, article: action.article })) {
    checkOptOutMoment(ctx, action);
  }
  if (action.kind === 'withdrawal') {
    const target = ctx.history.find((a) => a.id === action.targetActionId);
    if (!target || !['reservation', 'declaration', 'notification'].includes(target.kind)) {
      throw new DomainError(
        'validation',
        'a withdrawal names the reservation, declaration or notification it withdraws (targetActionId) made by the same participant on the same instrument',
        { field: 'targetActionId' },
      );
    }
  }
}

/**
 * A dispute-clause opt-out is made "at the time of signature, ratification, acceptance or approval of or
 * accession" (UNTOC 35(3), TIP 15(3), SoM 20(3), Firearms 16(3)): its date must be one of the participant's
 * signature or consent dates. A date of reduced precision is refused only when no day of it can be one.
 */
function checkOptOutMoment(ctx: RuleContext, action: NewAction): void {
  const atDeposit = ctx.history.some(
    (a) =>
      (isSignature(a.kind) || isConsent(a.kind)) &&
      lo(a.date) <= hi(action.date) &&
      lo(action.date) <= hi(a.date),
  );
  if (atDeposit) return;
  const optOut = DISPUTE_CLAUSES[ctx.rules.id]?.optOut ?? '';
  throw new DomainError(
    'rule_violation',
    `${art(optOut)}: a reservation to the dispute-settlement clause is made at signature or at the deposit of consent; ${ctx.participant.name} neither signed nor deposited an instrument of consent to ${ctx.rules.shortTitle} on ${action.date.text ?? 'that date'}`,
    { field: 'date' },
  );
}

/** Throws a DomainError when the new action breaks a rule; returns nothing when it may be recorded. */
export function checkNewAction(ctx: RuleContext, action: NewAction): void {
  checkDate(ctx, action);
  if (action.kind === 'signature') checkSignature(ctx, action);
  else if (action.kind === 'succession_to_signature') checkSuccessionToSignature(ctx, action);
  else if (isConsent(action.kind)) checkConsent(ctx, action);
  else if (action.kind === 'denunciation') checkDenunciation(ctx, action);
  else checkStatement(ctx, action);
}
