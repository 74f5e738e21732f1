// What no text field of Palermo may hold: control characters other than tab and line breaks (PostgreSQL
// cannot store NUL; the others are never meant) and text that is not well-formed Unicode (lone surrogates
// would be silently replaced by the store).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why a text cannot be stored, or null. */
export function textProblem(value: string): string | null {
  if (CONTROL.test(value)) return 'contains a control character';
  if (!value.isWellFormed()) return 'is not well-formed Unicode (lone surrogate)';
  return null;
}

/**
 * Names and titles are one line: a line break there means nothing, and in a CSV export read carelessly it
 * would start a row with the text after it. Contracts apply it with `.regex(ONE_LINE, ONE_LINE_MESSAGE)`.
 */
export const ONE_LINE = /^[^\r\n\u0085\u2028\u2029]*$/;
export const ONE_LINE_MESSAGE = 'must be one line (no line breaks)';
