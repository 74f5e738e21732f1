// The text of a depositary notification, in the depositary's sober style, rendered from its facts: one
// template per kind of action, in English and French. Pure (no I/O, no clock): the same facts and names give
// the same text, so a notification is never rewritten; it is stored as facts and a template version, and a
// change of wording adds a version here while notifications issued under an older one keep theirs.
//
// The model is the Secretary-General's depositary notification ("C.N."): the instrument, then
// "PARTICIPANT: ACTION", then "The Secretary-General of the United Nations, acting in his capacity as
// depositary, communicates the following: The above action was effected on …". Names of States are not given
// an article in French ("ARMÉNIE : RATIFICATION", "Auteur de la réserve : Qatar"), as the depositary's
// headings do, so no French name needs its gender.
import { MONTH_NAMES as MONTHS } from '../../common/month-names.ts';
import type { ActionKind } from '../../treaties/domain/types.ts';
import type { NotificationFacts } from './facts.ts';

export const NOTIFICATION_LANGUAGES = ['en', 'fr'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** The version new notifications are issued under; `renderNotification` knows every version ever issued. */
export const TEMPLATE_VERSION = 1;

/** Names as the United Nations writes them, given by the caller (the reference data's names, src/server). */
export interface NotificationNames {
  participant(id: string, lang: NotificationLanguage): string | null;
  instrument(id: string, lang: NotificationLanguage): string | null;
}

export interface RenderedNotification {
  /** "ARMENIA: RATIFICATION" */
  subject: string;
  /** The instrument's title, the subject, the communication: paragraphs separated by blank lines. */
  text: string;
}

/** Every kind has its label in both languages: the Record's type fails to compile when a kind is added. */
const LABELS: Record<ActionKind, Record<NotificationLanguage, string>> = {
  signature: { en: 'signature', fr: 'signature' },
  succession_to_signature: { en: 'succession to signature', fr: 'succession à la signature' },
  ratification: { en: 'ratification', fr: 'ratification' },
  acceptance: { en: 'acceptance', fr: 'acceptation' },
  approval: { en: 'approval', fr: 'approbation' },
  accession: { en: 'accession', fr: 'adhésion' },
  succession: { en: 'succession', fr: 'succession' },
  formal_confirmation: { en: 'formal confirmation', fr: 'confirmation formelle' },
  declaration: { en: 'declaration', fr: 'déclaration' },
  reservation: { en: 'reservation', fr: 'réserve' },
  objection: { en: 'objection', fr: 'objection' },
  withdrawal: { en: 'withdrawal', fr: 'retrait' },
  notification: { en: 'notification', fr: 'notification' },
  territorial_application: { en: 'territorial application', fr: 'application territoriale' },
  denunciation: { en: 'denunciation', fr: 'dénonciation' },
};

/** The kinds of action, as the templates know them (for contracts that may not import the treaty domain). */
export const NOTIFIED_KINDS = Object.keys(LABELS) as ActionKind[];

/** "de la réserve", "de l'objection": what a withdrawal or an objection points at, in French. */
const FR_OF: Partial<Record<ActionKind, string>> = {
  declaration: 'de la déclaration',
  reservation: 'de la réserve',
  objection: "de l'objection",
  notification: 'de la notification',
  territorial_application: "de l'application territoriale",
};

/** "1 July 2003", "1er juillet 2003"; a month or a year alone as the source gives it, never a day invented. */
export function writtenDate(date: string, lang: NotificationLanguage): string {
  const [y, m, d] = date.split('-');
  const month = m ? MONTHS[lang][Number(m) - 1] : undefined;
  if (d && month) {
    const day = Number(d);
    return lang === 'fr' ? `${day === 1 ? '1er' : day} ${month} ${y}` : `${day} ${month} ${y}`;
  }
  return month ? `${month} ${y}` : String(y);
}

/** "on 1 July 2003", "in July 2003", "in 2003", or that the source gives no date. */
function onDate(date: string | null, lang: NotificationLanguage): string {
  if (!date)
    return lang === 'fr' ? 'à une date que la source ne précise pas' : 'on a date the source does not give';
  const precise = date.length === 10;
  if (lang === 'fr') return `${precise ? 'le' : 'en'} ${writtenDate(date, lang)}`;
  return `${precise ? 'on' : 'in'} ${writtenDate(date, lang)}`;
}

const OPENING: Record<NotificationLanguage, string> = {
  en: 'The Secretary-General of the United Nations, acting in his capacity as depositary, communicates the following:',
  fr: "Le Secrétaire général de l'Organisation des Nations Unies, agissant en sa qualité de dépositaire, communique ce qui suit :",
};

const upper = (text: string, lang: NotificationLanguage): string => text.toLocaleUpperCase(lang);

/** What the action was, after "The above action was effected on …": article, territory, target. */
function particulars(f: NotificationFacts, lang: NotificationLanguage, names: NotificationNames): string[] {
  const out: string[] = [];
  const en = lang === 'en';
  const targetName = f.targetParticipantId
    ? (names.participant(f.targetParticipantId, lang) ?? f.targetParticipantId)
    : null;
  if (f.kind === 'objection' && f.targetKind) {
    out.push(
      en
        ? `Author of the ${LABELS[f.targetKind].en}: ${targetName ?? 'not recorded'}.`
        : `Auteur ${FR_OF[f.targetKind] ?? ''} : ${targetName ?? 'non consigné'}.`,
    );
  } else if (f.kind === 'objection' && targetName) {
    out.push(
      en
        ? `Author of the statement objected to: ${targetName}.`
        : `Auteur de la déclaration visée : ${targetName}.`,
    );
  }
  if (f.kind === 'withdrawal' && f.targetKind) {
    const when = f.targetDate ? ` ${onDate(f.targetDate, lang)}` : '';
    out.push(
      en
        ? `The withdrawal concerns the ${LABELS[f.targetKind].en} made${when || ' earlier'}.`
        : `Le retrait porte sur ${(FR_OF[f.targetKind] ?? '').replace(/^de (la |l')/, (_, a: string) => a)} formulée${when || ' antérieurement'}.`,
    );
  }
  if (f.article) {
    const a = f.article;
    if (f.kind === 'reservation') {
      out.push(en ? `The reservation concerns article ${a}.` : `La réserve porte sur l'article ${a}.`);
    } else if (f.kind === 'declaration' || f.kind === 'notification') {
      out.push(
        en
          ? `The ${f.kind} was made under article ${a}.`
          : `La ${LABELS[f.kind].fr} a été faite en vertu de l'article ${a}.`,
      );
    } else {
      out.push(en ? `Article cited: ${a}.` : `Article visé : ${a}.`);
    }
  }
  if (f.territory) {
    // Territories are written as the source gives them, in no translation of ours.
    out.push(en ? `Territory: ${f.territory}.` : `Territoire : ${f.territory}.`);
  }
  return out;
}

/** The heading after the participant's name: "RATIFICATION", "WITHDRAWAL OF RESERVATION". */
function actionHeading(f: NotificationFacts, lang: NotificationLanguage): string {
  const label = LABELS[f.kind][lang];
  if (f.kind === 'withdrawal' && f.targetKind) {
    return lang === 'en'
      ? `withdrawal of ${LABELS[f.targetKind].en}`
      : `retrait ${FR_OF[f.targetKind] ?? ''}`.trim();
  }
  return label;
}

/** The notification's subject and text in one language. */
export function renderNotification(
  f: NotificationFacts,
  lang: NotificationLanguage,
  names: NotificationNames,
  templateVersion: number = TEMPLATE_VERSION,
): RenderedNotification {
  if (templateVersion !== 1) throw new RangeError(`no notification template version ${templateVersion}`);
  const en = lang === 'en';
  const participant = names.participant(f.participantId, lang) ?? f.participantName;
  const instrument = names.instrument(f.instrumentId, lang) ?? f.instrumentId;
  const corrigendum = f.category === 'corrigendum';
  const subject =
    upper(`${participant}${en ? ':' : ' :'} ${actionHeading(f, lang)}`, lang) +
    (corrigendum ? (en ? ' (CORRIGENDUM)' : ' (RECTIFICATIF)') : '');
  const effected = en
    ? `The above action was effected ${onDate(f.actionDate, lang)}.`
    : `L'action susmentionnée a été effectuée ${onDate(f.actionDate, lang)}.`;
  const paragraphs = [upper(instrument, lang), subject, OPENING[lang]];
  if (corrigendum) {
    const c = f.corrects;
    const issued = c ? (c.issuedOn ?? c.recordedAt.slice(0, 10)) : null;
    const earlier = c?.reference
      ? en
        ? `depositary notification ${c.reference}`
        : `la notification dépositaire ${c.reference}`
      : issued
        ? en
          ? `the notification of this action recorded on ${writtenDate(issued, lang)}`
          : `la notification de cette action enregistrée le ${writtenDate(issued, lang)}`
        : en
          ? 'the earlier notification of this action'
          : 'la notification antérieure de cette action';
    if (f.voids) {
      paragraphs.push(
        en
          ? `The action communicated in ${earlier} is withdrawn from the record and has no effect.`
          : `L'action communiquée dans ${earlier} est retirée du registre et n'a aucun effet.`,
      );
    } else {
      paragraphs.push(
        en
          ? `${earlier[0]!.toUpperCase()}${earlier.slice(1)} is corrected as follows:`
          : `${earlier[0]!.toUpperCase()}${earlier.slice(1)} est rectifiée comme suit :`,
        effected,
        ...particulars(f, lang, names),
      );
    }
    if (f.correctionReason) {
      // The reason is the Secretariat's own words, in the language it was written in.
      paragraphs.push(
        en
          ? `Reason recorded by the Secretariat: ${f.correctionReason}`
          : `Motif consigné par le Secrétariat : ${f.correctionReason}`,
      );
    }
  } else {
    paragraphs.push(effected, ...particulars(f, lang, names));
  }
  return { subject, text: paragraphs.join('\n\n') };
}
