// What the tests of event documents share: one invitation, as the events service will pass it.
import type { NoteVerbaleData } from '../../src/events/documents/note-template.ts';

export const NOTE_DATA: NoteVerbaleData = {
  reference: 'CU 2003/17',
  state: "Côte d'Ivoire",
  eventTitle: 'Pre-ratification seminar for West African States',
  venue: 'Dakar, Senegal',
  startOn: '2003-07-01',
  endOn: '2003-07-03',
  instruments: ['the Convention', 'the Trafficking in Persons Protocol', 'the Firearms Protocol'],
  registrationDeadline: '2003-06-01',
  place: 'Vienna',
  date: '2003-05-12',
};
