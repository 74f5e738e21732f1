// The paragraph templates of the report to the Commission: the Secretariat writes the prose, the data writes
// the figures (issue 15, item 4). A paragraph is text with placeholders; the grammar (docs/reports.md,
// "Paragraph templates", says the same with examples):
//
//   paragraph   = { text | placeholder }
//   placeholder = "{{" [ws] name { ws argument } [ws] [ "|" [ws] format [ws] ] "}}"
//   name        = word { "." word }            word = a-z, then a-z A-Z 0-9   (parties, fund.paid, period.from)
//   argument    = one of A-Z a-z 0-9 "_" "-", then more of them                (UNTOC, TIP)
//   format      = "number" | "words" | "date"
//   text        = any characters; a single "{" or "}" is text, "{{" always opens a placeholder and a "}}"
//                 outside one is an error. There is no escape: the report's prose never needs a double brace.
//   ws          = spaces, tabs or line breaks
//
// `parseTemplate` checks the grammar alone; `checkTemplate` also checks every placeholder against the
// catalogue (figures.ts) and the registry's instrument ids, so that an unknown figure is refused when the
// paragraph is saved, never written as a blank. Both report every error (up to MAX_ERRORS) at its offset,
// line and column. Offsets and columns count UTF-16 code units, as a browser's text area does.
// `renderTemplate` writes a checked paragraph with its figures, and says which figure went where: the
// "Sources and method" annex and the links of the HTML page are drawn from that list (item 5).
import type { IsoDate } from '../../common/dates.ts';
import { ARGUMENT_KINDS, figureNamed, type FigureDefinition, type ValueKind } from './figures.ts';
import {
  FORMATS,
  FORMATS_OF,
  formatValue,
  type FigureValue,
  type Format,
  type ReportLocale,
} from './format.ts';
import { closest } from './suggest.ts';

/** A long paragraph is about 1,500 characters; ten times that is not prose any more. */
export const MAX_TEXT_LENGTH = 15_000;
export const MAX_PLACEHOLDERS = 50;
export const MAX_ARGUMENTS = 3;
export const MAX_ARGUMENT_LENGTH = 32;
export const MAX_NAME_LENGTH = 64;
/** Enough to mend a paragraph by; more would only repeat the same mistake. */
export const MAX_ERRORS = 20;

export type TemplateErrorCode =
  | 'too_long'
  | 'too_many_placeholders'
  | 'unclosed'
  | 'stray_close'
  | 'empty'
  | 'bad_name'
  | 'bad_argument'
  | 'too_many_arguments'
  | 'bad_format'
  | 'unknown_format'
  | 'unknown_figure'
  | 'wrong_arguments'
  | 'unknown_instrument'
  | 'format_mismatch';

export interface TemplateError {
  code: TemplateErrorCode;
  /** Where the error is, in UTF-16 code units from the start of the text; line and column count from 1. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

export type Segment =
  | { type: 'text'; text: string; offset: number }
  | {
      type: 'placeholder';
      name: string;
      args: readonly string[];
      format: Format | null;
      /** Where `{{` is, and the length up to and including `}}`. */
      offset: number;
      length: number;
      /** Where the name and each argument are, for errors found against the catalogue. */
      nameOffset: number;
      argOffsets: readonly number[];
    };
export type Placeholder = Extract<Segment, { type: 'placeholder' }>;

export type TemplateResult =
  { ok: true; segments: readonly Segment[] } | { ok: false; errors: readonly TemplateError[] };

/** What `checkTemplate` checks a paragraph against: the figures offered and the instruments in the registry. */
export interface TemplateCatalogue {
  figures: readonly FigureDefinition[];
  instrumentIds: readonly string[];
}

/** One number, date, list or text with its "as at" date and where it comes from (issue 15, item 5). */
export type Figure = FigureValue & {
  asAt: IsoDate;
  /** `kind` names the query (`registry.parties`, `ledger.paid`); `ref` the records behind it, for a link. */
  source: { kind: string; ref: string };
};

export interface RenderedFigure {
  name: string;
  args: readonly string[];
  format: Format | null;
  figure: Figure;
  /** Where the placeholder was in the template, and where its text is in the output (end excluded). */
  templateOffset: number;
  start: number;
  end: number;
}

export interface Rendered {
  text: string;
  figures: readonly RenderedFigure[];
}

const VALUE_NAMES: Record<ValueKind, string> = {
  count: 'a count',
  money: 'a sum of money',
  date: 'a date',
  list: 'a list of names',
  text: 'a text',
};

const NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const ARGUMENT = /^[A-Za-z0-9_-]+$/;

class ErrorList {
  readonly errors: TemplateError[] = [];
  constructor(private readonly text: string) {}

  add(code: TemplateErrorCode, offset: number, message: string): void {
    if (this.errors.length >= MAX_ERRORS) return;
    const before = this.text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    this.errors.push({ code, offset, line, column: offset - lineStart + 1, message });
  }
}

const quote = (s: string): string => `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;

/** Reads the inside of one placeholder (`body` starts at `offset` in the text); null if it is malformed. */
function readPlaceholder(
  body: string,
  offset: number,
  errors: ErrorList,
): Omit<Placeholder, 'length'> | null {
  const start = offset - 2;
  const bar = body.indexOf('|');
  const head = bar === -1 ? body : body.slice(0, bar);
  const words = [...head.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: offset + m.index }));
  const before = errors.errors.length;
  if (words.length === 0) {
    errors.add(
      'empty',
      start,
      bar === -1
        ? 'an empty placeholder: write a figure’s name between {{ and }}'
        : 'a figure’s name is expected before |',
    );
    return null;
  }
  const [name, ...args] = words as [(typeof words)[number], ...typeof words];
  if (name.text.length > MAX_NAME_LENGTH || !NAME.test(name.text))
    errors.add(
      'bad_name',
      name.at,
      `${quote(name.text)} is not a figure’s name: words in lower camel case joined by dots, such as parties or fund.paid`,
    );
  if (args.length > MAX_ARGUMENTS)
    errors.add(
      'too_many_arguments',
      (args[MAX_ARGUMENTS] as (typeof args)[number]).at,
      `at most ${MAX_ARGUMENTS} arguments`,
    );
  for (const a of args.slice(0, MAX_ARGUMENTS)) {
    if (a.text.length > MAX_ARGUMENT_LENGTH)
      errors.add('bad_argument', a.at, `an argument is at most ${MAX_ARGUMENT_LENGTH} characters`);
    else if (!ARGUMENT.test(a.text))
      errors.add(
        'bad_argument',
        a.at,
        `${quote(a.text)} is not an argument: letters, digits, _ and - only, such as UNTOC`,
      );
  }
  const format = bar === -1 ? null : readFormat(body.slice(bar + 1), offset + bar + 1, errors);
  if (errors.errors.length > before || format === undefined) return null;
  return {
    type: 'placeholder',
    name: name.text,
    args: args.map((a) => a.text),
    format,
    offset: start,
    nameOffset: name.at,
    argOffsets: args.map((a) => a.at),
  };
}

/** The format after "|", or undefined when it is missing, doubled or unknown. */
function readFormat(tail: string, offset: number, errors: ErrorList): Format | undefined {
  const words = [...tail.matchAll(/[^\s|]+|\|/g)];
  const [first, second] = words;
  if (!first || first[0] === '|') {
    errors.add('bad_format', offset - 1, 'a format is expected after |');
    return undefined;
  }
  if (second) {
    errors.add('bad_format', offset + second.index, 'one format at most, after a single |');
    return undefined;
  }
  if (!Object.hasOwn(FORMATS, first[0])) {
    const hint = closest(first[0], Object.keys(FORMATS));
    errors.add(
      'unknown_format',
      offset + first.index,
      `unknown format ${quote(first[0])}${hint}; the formats are ${Object.keys(FORMATS).join(', ')}`,
    );
    return undefined;
  }
  return first[0] as Format;
}

/**
 * `text.indexOf(token, from)` for calls whose `from` never decreases, searching each stretch of the text
 * once: a paragraph full of unmatched braces is read in linear time, not in time squared.
 */
function finder(text: string, token: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -2 || (found !== -1 && found < from)) found = text.indexOf(token, from);
    return found;
  };
}

/** Segments and every grammar error; both are needed by `checkTemplate`, which goes on to the catalogue. */
function scan(text: string): { segments: Segment[]; errors: ErrorList } {
  const errors = new ErrorList(text);
  const segments: Segment[] = [];
  if (text.length > MAX_TEXT_LENGTH) {
    errors.add(
      'too_long',
      MAX_TEXT_LENGTH,
      `a paragraph is at most ${MAX_TEXT_LENGTH} characters; this one has ${text.length}`,
    );
    return { segments, errors };
  }
  let textStart = 0;
  let placeholders = 0;
  const pushText = (end: number): void => {
    if (end > textStart) segments.push({ type: 'text', text: text.slice(textStart, end), offset: textStart });
  };
  const findOpen = finder(text, '{{');
  const findClose = finder(text, '}}');
  for (let i = 0; i < text.length;) {
    const open = findOpen(i);
    const strayClose = findClose(i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      errors.add('stray_close', strayClose, '}} closes no placeholder');
      i = strayClose + 2;
      continue;
    }
    if (open === -1) break;
    const close = findClose(open + 2);
    const next = findOpen(open + 2);
    if (close === -1 || (next !== -1 && next < close)) {
      errors.add(
        'unclosed',
        open,
        close === -1 ? 'this {{ is never closed by }}' : 'this {{ is not closed by }} before the next {{',
      );
      i = close === -1 ? text.length : next;
      continue;
    }
    placeholders += 1;
    if (placeholders === MAX_PLACEHOLDERS + 1)
      errors.add('too_many_placeholders', open, `a paragraph has at most ${MAX_PLACEHOLDERS} placeholders`);
    const placeholder = readPlaceholder(text.slice(open + 2, close), open + 2, errors);
    pushText(open);
    textStart = close + 2;
    if (placeholder) segments.push({ ...placeholder, length: close + 2 - open });
    i = close + 2;
  }
  textStart = Math.min(textStart, text.length);
  pushText(text.length);
  return { segments, errors };
}

/** The paragraph's segments, or every error of its grammar (not yet of its names: see `checkTemplate`). */
export function parseTemplate(text: string): TemplateResult {
  const { segments, errors } = scan(text);
  return errors.errors.length > 0 ? { ok: false, errors: errors.errors } : { ok: true, segments };
}

/** Checks each placeholder against the catalogue: a known name, its arguments, a format that fits its value. */
function checkPlaceholder(p: Placeholder, catalogue: TemplateCatalogue, errors: ErrorList): void {
  const definition = figureNamed(p.name, catalogue.figures);
  if (!definition) {
    const hint = closest(
      p.name,
      catalogue.figures.map((f) => f.name),
    );
    errors.add(
      'unknown_figure',
      p.nameOffset,
      `there is no figure ${quote(p.name)}${hint}; docs/reports.md lists them`,
    );
    return;
  }
  if (p.args.length !== definition.args.length) {
    const wanted = definition.args.map((k) => ARGUMENT_KINDS[k]).join(', then ') || 'no argument';
    const given = p.args.length === 0 ? 'none' : String(p.args.length);
    errors.add('wrong_arguments', p.offset, `${p.name} takes ${wanted}; it is given ${given}`);
    return;
  }
  definition.args.forEach((kind, i) => {
    const arg = p.args[i] as string;
    if (kind === 'instrument' && !catalogue.instrumentIds.includes(arg)) {
      const hint = closest(arg, catalogue.instrumentIds);
      errors.add(
        'unknown_instrument',
        p.argOffsets[i] as number,
        `${quote(arg)} is not an instrument${hint}`,
      );
    }
  });
  if (p.format !== null && !FORMATS_OF[definition.value].includes(p.format)) {
    const fits = FORMATS_OF[definition.value].join(' or ') || 'none';
    const what = `${p.name}, ${VALUE_NAMES[definition.value]}`;
    errors.add(
      'format_mismatch',
      p.offset,
      `the format ${p.format} does not apply to ${what} (it takes ${fits})`,
    );
  }
}

/**
 * Every error of a paragraph: its grammar, then each well-formed placeholder against the catalogue. A
 * paragraph is saved only when this says ok; its segments are then what `renderTemplate` takes.
 */
export function checkTemplate(text: string, catalogue: TemplateCatalogue): TemplateResult {
  const { segments, errors } = scan(text);
  for (const s of segments) if (s.type === 'placeholder') checkPlaceholder(s, catalogue, errors);
  const list = [...errors.errors].sort((a, b) => a.offset - b.offset);
  return list.length > 0 ? { ok: false, errors: list } : { ok: true, segments };
}

/**
 * Writes a checked paragraph in a language, each placeholder replaced by its figure as `resolve` gives it.
 * A figure that cannot be written (a count that is not a whole number, a format that does not fit, a text
 * holding "{{" or "}}", which would read as a placeholder left unfilled) is a RangeError: never a blank.
 */
export function renderTemplate(
  segments: readonly Segment[],
  resolve: (name: string, args: readonly string[]) => Figure,
  options: { locale: ReportLocale },
): Rendered {
  let text = '';
  const figures: RenderedFigure[] = [];
  for (const s of segments) {
    if (s.type === 'text') {
      text += s.text;
      continue;
    }
    const figure = resolve(s.name, s.args);
    // A brace from the data could meet one of the prose and read as a placeholder left unfilled.
    if ((figure.kind === 'text' || figure.kind === 'list') && /[{}]/.test(String(figure.value)))
      throw new RangeError(`the figure ${s.name} holds a brace`);
    const written = formatValue(figure, options.locale, s.format);
    figures.push({
      name: s.name,
      args: s.args,
      format: s.format,
      figure,
      templateOffset: s.offset,
      start: text.length,
      end: text.length + written.length,
    });
    text += written;
  }
  return { text, figures };
}
