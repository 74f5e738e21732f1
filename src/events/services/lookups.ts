// What other features read of events (the report to the Commission counts the States that attended the
// events it reports): other features import these, never the repository itself (a test checks it). Who
// attended is confidential outside the Secretariat (docs/events.md): a reader publishes numbers, not names.
export { attendingStates, attendingStatesOf } from '../delegations-repository.ts';
