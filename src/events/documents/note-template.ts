// The template of the note verbale of invitation, which the Secretariat may edit: plain text with
// `{{placeholder}}` fields, paragraphs separated by a blank line, and a paragraph whose first line starts
// with `>>` set flush right (the place and date of a note). docs/events.md lists the placeholders.
import type { IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { textProblem } from '../../common/text.ts';
import { datesPhrase, listPhrase, longDate, type DocumentLanguage } from './wording.ts';

/** What one invitation says: the event, the State invited and the note's own reference and date. */
export interface NoteVerbaleData {
  reference: string;
  state: string;
  eventTitle: string;
  venue: string;
  startOn: IsoDate;
  endOn: IsoDate;
  /** Names of the instruments on the agenda, in the note's language. */
  instruments: readonly string[];
  registrationDeadline: IsoDate;
  /** Where the note is issued (New York, Vienna). */
  place: string;
  /** The date of the note. */
  date: IsoDate;
}

export const NOTE_PLACEHOLDERS = [
  'reference',
  'state',
  'eventTitle',
  'venue',
  'dates',
  'instruments',
  'registrationDeadline',
  'place',
  'date',
] as const;
export type NotePlaceholder = (typeof NOTE_PLACEHOLDERS)[number];

/** A note must name the State it invites and carry its reference number (issue 14, item 3). */
const REQUIRED: readonly NotePlaceholder[] = ['reference', 'state'];
/** Generous for a one- or two-page note, small enough that a bad upload cannot tie up the PDF compiler. */
export const MAX_TEMPLATE_LENGTH = 20_000;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface NoteBlock {
  align: 'justify' | 'right';
  lines: string[];
}

/**
 * Checks a template and returns the placeholders it uses; refuses, at the field `template`, unknown or
 * malformed placeholders (naming them all), missing required ones, control characters and excess size.
 */
export function validateNoteTemplate(text: string, field = 'template'): NotePlaceholder[] {
  const refuse = (detail: string) => new DomainError('validation', `${field}: ${detail}`, { field });
  if (text.length > MAX_TEMPLATE_LENGTH)
    throw refuse(`is ${text.length} characters long; at most ${MAX_TEMPLATE_LENGTH} are allowed`);
  const problem = textProblem(text);
  if (problem) throw refuse(problem);
  if (text.trim() === '') throw refuse('is empty');
  const used = new Set<string>();
  const unknown = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    ((NOTE_PLACEHOLDERS as readonly string[]).includes(name) ? used : unknown).add(name);
  }
  if (unknown.size > 0)
    throw refuse(
      `unknown placeholder${unknown.size > 1 ? 's' : ''} ${[...unknown].map((n) => `{{${n}}}`).join(', ')}; ` +
        `known: ${NOTE_PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ')}`,
    );
  const rest = text.replace(PLACEHOLDER, '');
  const stray = /\{\{|\}\}/.exec(rest);
  if (stray)
    throw refuse(
      `"${stray[0]}" at "${rest.slice(Math.max(0, stray.index - 20), stray.index + 22)}" opens or closes no placeholder`,
    );
  const missing = REQUIRED.filter((n) => !used.has(n));
  if (missing.length > 0) throw refuse(`must contain ${missing.map((n) => `{{${n}}}`).join(' and ')}`);
  return NOTE_PLACEHOLDERS.filter((n) => used.has(n));
}

/** The text of each placeholder for one note, in the template's language. */
export function placeholderValues(
  data: NoteVerbaleData,
  language: DocumentLanguage,
): Record<NotePlaceholder, string> {
  return {
    reference: data.reference,
    state: data.state,
    eventTitle: data.eventTitle,
    venue: data.venue,
    dates: datesPhrase(data.startOn, data.endOn, language),
    instruments: listPhrase(data.instruments, language),
    registrationDeadline: longDate(data.registrationDeadline, language),
    place: data.place,
    date: longDate(data.date, language),
  };
}

/** Values are one line: a line break or control character in a name would reshape the note. */
// eslint-disable-next-line no-control-regex
const oneLine = (value: string): string => value.replace(/[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g, ' ');

/**
 * The note as paragraphs of lines, placeholders filled. The layout (paragraphs, `>>`) is read from the
 * template before filling, so no value can change it.
 */
export function fillNoteTemplate(
  template: string,
  data: NoteVerbaleData,
  language: DocumentLanguage,
): NoteBlock[] {
  validateNoteTemplate(template);
  const values = placeholderValues(data, language);
  const fill = (line: string) =>
    line.replace(PLACEHOLDER, (_, name: string) => oneLine(values[name as NotePlaceholder]));
  return template
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => {
      const right = paragraph.startsWith('>>');
      const lines = (right ? paragraph.slice(2).trimStart() : paragraph).split('\n');
      return { align: right ? 'right' : 'justify', lines: lines.map((l) => fill(l.trim())) };
    });
}

export const DEFAULT_NOTE_TEMPLATES: Record<DocumentLanguage, string> = {
  en: `Reference: {{reference}}

The Secretariat of the United Nations presents its compliments to the Permanent Mission of {{state}} to the United Nations and has the honour to invite the Government of {{state}} to participate in the {{eventTitle}}, to be held in {{venue}} {{dates}}.

The meeting will consider the ratification and implementation of {{instruments}}, and the technical assistance available to States for that purpose.

The Secretariat would be grateful if the Permanent Mission would register the delegation of {{state}}, indicating the head of delegation and the members with their functions, no later than {{registrationDeadline}}, with a note verbale confirming its composition.

The Secretariat of the United Nations avails itself of this opportunity to renew to the Permanent Mission of {{state}} to the United Nations the assurances of its highest consideration.

>> {{place}}, {{date}}`,
  fr: `Référence : {{reference}}

Le Secrétariat de l’Organisation des Nations Unies présente ses compliments à la Mission permanente de {{state}} auprès de l’Organisation des Nations Unies et a l’honneur d’inviter le Gouvernement de {{state}} à participer à la réunion suivante : {{eventTitle}}, qui se tiendra à {{venue}} {{dates}}.

La réunion portera sur la ratification et la mise en œuvre des instruments suivants : {{instruments}}, ainsi que sur l’assistance technique offerte aux États à cette fin.

Le Secrétariat saurait gré à la Mission permanente de bien vouloir inscrire la délégation de {{state}}, en indiquant le chef de la délégation et les membres avec leurs fonctions, au plus tard le {{registrationDeadline}}, par une note verbale en confirmant la composition.

Le Secrétariat de l’Organisation des Nations Unies saisit cette occasion pour renouveler à la Mission permanente de {{state}} auprès de l’Organisation des Nations Unies les assurances de sa très haute considération.

>> {{place}}, le {{date}}`,
};
