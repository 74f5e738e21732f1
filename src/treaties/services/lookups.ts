// What other features read of the treaty registry: participants, instruments and recorded actions as the
// repository returns them. Other features import these, never the repository itself (a test checks it).
export {
  findInstrument,
  findParticipant,
  listActionRecords,
  listDevelopmentClasses,
  listInstruments,
  listParticipants,
  participantNames,
} from '../repository.ts';
export type { DevelopmentClass, Participant } from '../repository.ts';
