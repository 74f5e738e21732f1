// The ids of the reference-data updates (reference-updates.ts), listed apart so that a start can tell whether
// a store has them all without loading the updates themselves. reference-updates.ts refuses to load if the two
// lists differ.
export const REFERENCE_UPDATE_IDS: readonly string[] = [
  '2026-12-06-later-events',
  '2026-12-07-events',
  '2026-12-07-statements',
  '2026-12-07-notifications',
];
