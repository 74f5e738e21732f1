// One error type for every rule the domain enforces. `code` says which rule, `field` where the bad
// value is (a JSON path such as `date` or `rows[12].consent_date`), `detail` what a user should read.
// The HTTP layer maps codes to statuses in one table (src/http/problem.ts); the CLI prints `code: detail`.

export type ErrorCode =
  | 'validation' // malformed input: wrong type, impossible date, unknown field
  | 'bad_request' // a request the server cannot read at all, such as a paging cursor it did not issue (400)
  | 'not_found' // unknown instrument, participant or action
  | 'conflict' // the same thing twice, or a change that clashes with recorded history
  | 'rule_violation' // a treaty rule refuses the action (signature window, Protocol without the Convention, ...)
  | 'date_too_imprecise' // the source gives only a month or year and the computation needs the day
  | 'forbidden' // the caller may not do this
  | 'unauthorized' // the caller is not identified
  | 'unavailable'; // a part the operation needs is not configured on this server (503)

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, detail: string, options: { field?: string; issues?: FieldIssue[] } = {}) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.issues = options.issues ?? (options.field ? [{ field: options.field, message: detail }] : []);
  }
}

export const notFound = (what: string, id: string, field?: string): DomainError =>
  new DomainError('not_found', `${what} "${id}" does not exist`, field ? { field } : {});
