// The request for the map's countries (/api/geo/countries), apart from the map's own code: the dashboard
// starts it at its first render, in parallel with loading that code, instead of after it (on a slow line
// that is one round trip less before the map is drawn).
let topology: Promise<unknown> | null = null;

/** The countries' TopoJSON, asked once; a failed request is asked again at the next call. */
export function fetchMapData(): Promise<unknown> {
  topology ??= fetch('/api/geo/countries', { headers: { accept: 'application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error(`map data: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    })
    .catch((error: unknown) => {
      topology = null;
      throw error;
    });
  return topology;
}
