// Synthetic instruments and a small registry builder shared by the engine tests (not a test file itself).
import {
  addDays,
  boundPartialDate,
  parsePartialDate,
  type IsoDate,
  type PartialDate,
} from '../../src/common/dates.ts';
import type {
  ActionKind,
  InstrumentRules,
  ParticipantKind,
  ParticipantRef,
  RegistryAction,
} from '../../src/treaties/domain/types.ts';

/** A Convention on the UNTOC model: 40 instruments + 90 days; later parties + 30 days. */
export const CONVENTION: InstrumentRules = {
  id: 'untoc',
  shortTitle: 'UNTOC',
  adoptedOn: '2000-11-15',
  signature: 'open',
  signatureOpensOn: '2000-12-12',
  signatureClosesOn: '2002-12-12',
  threshold: 40,
  eifDays: 90,
  laterDays: 30,
  laterRule: 'plus_days',
  reioCounted: false,
  parentId: null,
  denunciationMonths: 12,
  eifArticle: '38(1)',
  laterArticle: '38(2)',
  signatureArticle: '36(1)',
  denunciationArticle: '40(1)',
  cascadeArticle: '40(3)',
  parentRequirementArticle: null,
};

/** A Protocol supplementing it (TIP model): never before the Convention, later parties "whichever is later". */
export const PROTOCOL: InstrumentRules = {
  id: 'tip',
  shortTitle: 'TIP Protocol',
  adoptedOn: '2000-11-15',
  signature: 'open',
  signatureOpensOn: '2000-12-12',
  signatureClosesOn: '2002-12-12',
  threshold: 40,
  eifDays: 90,
  laterDays: 30,
  laterRule: 'later_of',
  reioCounted: false,
  parentId: 'untoc',
  denunciationMonths: 12,
  eifArticle: '17(1)',
  laterArticle: '17(2)',
  signatureArticle: '16(1)',
  denunciationArticle: '19(1)',
  cascadeArticle: null,
  parentRequirementArticle: '37(2)',
};

/** Another "N instruments + D days" treaty (UNCAC model: 30 + 90). */
export const OTHER_TREATY: InstrumentRules = {
  id: 'uncac',
  shortTitle: 'UNCAC',
  adoptedOn: '2003-10-31',
  signature: 'open',
  signatureOpensOn: '2003-12-09',
  signatureClosesOn: '2005-12-09',
  threshold: 30,
  eifDays: 90,
  laterDays: 30,
  laterRule: 'later_of',
  reioCounted: false,
  parentId: null,
  denunciationMonths: 12,
  eifArticle: '68(1)',
  laterArticle: '68(2)',
  signatureArticle: '67(1)',
  denunciationArticle: '70(1)',
  cascadeArticle: null,
  parentRequirementArticle: null,
};

/** A date as a source gives it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or '' (throws on anything else). */
export function pd(
  text: string,
  notBefore: IsoDate | null = null,
  notAfter: IsoDate | null = null,
): PartialDate {
  const parsed = parsePartialDate(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return notBefore || notAfter ? boundPartialDate(parsed, notBefore, notAfter) : parsed;
}

/** Builds participants and actions with increasing action ids. */
export class RegistryBuilder {
  readonly participants = new Map<string, ParticipantRef>();
  readonly actions: RegistryAction[] = [];
  private nextId = 1;

  participant(id: string, kind: ParticipantKind = 'state', name = id): this {
    this.participants.set(id, { id, name, kind });
    return this;
  }

  /** Records an action; the participant is added as a State when not yet known. */
  act(
    instrumentId: string,
    participantId: string,
    kind: ActionKind,
    date: string | PartialDate,
  ): RegistryAction {
    if (!this.participants.has(participantId)) this.participant(participantId);
    const action: RegistryAction = {
      id: this.nextId++,
      instrumentId,
      participantId,
      kind,
      date: typeof date === 'string' ? pd(date) : date,
    };
    this.actions.push(action);
    return action;
  }

  /** `count` States `prefix01`, `prefix02`, ... each depositing `kind`, one a day from `from`. */
  consents(
    instrumentId: string,
    prefix: string,
    count: number,
    from: IsoDate,
    kind: ActionKind = 'ratification',
  ): this {
    for (let i = 0; i < count; i++) {
      this.act(instrumentId, `${prefix}${String(i + 1).padStart(2, '0')}`, kind, addDays(from, i));
    }
    return this;
  }
}
