// The categories the world map colours by, with their colours. Kept apart from the map itself so that the
// legend and the table alternative load without the map's libraries. Colours differ in lightness as well as
// hue (they stay apart in grey scale and for common colour-vision deficiencies), and the darkest three are
// at least 3:1 against the ocean and the lightest.
import type { ParticipantState } from '../../api.ts';

export const MAP_CATEGORIES = ['party', 'party_pending', 'signatory', 'other', 'none', 'territory'] as const;
export type MapCategory = (typeof MAP_CATEGORIES)[number];

export const MAP_COLOURS: Record<MapCategory, string> = {
  party: '#0b5394',
  party_pending: '#5aa0d8',
  signatory: '#f2b134',
  other: '#b0413e',
  none: '#d9d9d9',
  territory: '#f4f4f4',
};

export function categoryOf(state: ParticipantState | undefined): MapCategory {
  switch (state) {
    case 'party':
    case 'party_pending':
    case 'signatory':
      return state;
    case 'uncertain':
    case 'withdrawn':
      return 'other';
    default:
      return 'none';
  }
}

/** What the map shows for one participant: its code, name and category on the date. */
export interface MapEntry {
  participantId: string;
  name: string;
  m49: string;
  state: ParticipantState;
  category: MapCategory;
}
