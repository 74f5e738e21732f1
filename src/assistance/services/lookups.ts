// What other features read of technical assistance. Other features import these, never the repository itself
// (a test checks it). Requests are confidential to their State and the Secretariat: a reader decides who sees
// what it derives from them.
export { listProvisions, listRequestDates } from '../repository.ts';
export type { Provision } from '../repository.ts';
