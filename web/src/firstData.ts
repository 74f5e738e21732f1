// The figures the server put in the dashboard's first answer (src/server/first-page.ts): a JSON data block,
// not a script (the CSP runs none inline), read once. The dashboard paints them at its first render and
// then asks the API as usual, so what it shows is revalidated within a round trip.
import type { Dashboard, Instrument } from './api.ts';

export const FIRST_DATA_ID = 'palermo-first-data';

export interface FirstData {
  dashboard: Dashboard;
  instruments: Instrument[];
}

let read = false;
let value: FirstData | undefined;

/** The embedded figures, or undefined on any other page or when the block is missing or unreadable. */
export function firstData(doc: Pick<Document, 'getElementById'> = document): FirstData | undefined {
  if (read) return value;
  read = true;
  const text = doc.getElementById(FIRST_DATA_ID)?.textContent;
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<FirstData>;
    if (parsed.dashboard && Array.isArray(parsed.instruments)) value = parsed as FirstData;
  } catch {
    // A damaged block only costs the head start: the page loads its figures from the API.
  }
  return value;
}
