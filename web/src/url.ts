// A page's view lives in the query string (?asOf=2005-01-01&group=African), so a link reproduces it.
// An absent value means the default (asOf: today), and is left out of the URL so a bookmark stays current.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Query = Record<string, string>;

export function readQuery(search: string): Query {
  const out: Query = {};
  for (const [k, v] of new URLSearchParams(search)) if (v.trim()) out[k] = v.trim();
  return out;
}

/**
 * The query and a setter that merges a change into it: null removes a key. `push` adds a history entry
 * (the back button returns to the previous view); otherwise the current entry is replaced (e.g. while typing).
 */
export function useQuery(): [
  Query,
  (patch: Record<string, string | null>, options?: { push?: boolean }) => void,
] {
  const [query, setQuery] = useState<Query>(() => readQuery(window.location.search));
  useEffect(() => {
    const onPopState = () => setQuery(readQuery(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const latest = useRef(query);
  latest.current = query;
  const update = useCallback((patch: Record<string, string | null>, options: { push?: boolean } = {}) => {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    const qs = params.toString();
    const search = qs ? `?${qs}` : '';
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      if (options.push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    const next = readQuery(search);
    latest.current = next;
    setQuery(next);
  }, []);
  return [query, update];
}
