// The view lives in the query string (?instrument=UNTOC&asOf=2005-01-01), so a link reproduces it.
// An absent asOf means "today", and is left out of the URL so a bookmark stays current.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ViewState {
  instrument: string;
  asOf: string | null;
}

export const DEFAULT_INSTRUMENT = 'UNTOC';

export function readView(search: string): ViewState {
  const params = new URLSearchParams(search);
  return {
    instrument: params.get('instrument')?.trim() || DEFAULT_INSTRUMENT,
    asOf: params.get('asOf')?.trim() || null,
  };
}

export function viewToSearch(view: ViewState, current: string = ''): string {
  const params = new URLSearchParams(current);
  params.set('instrument', view.instrument);
  if (view.asOf) params.set('asOf', view.asOf);
  else params.delete('asOf');
  return `?${params.toString()}`;
}

/**
 * The view state and a setter that writes it to the URL: `push` adds a history entry (the back button
 * returns to the previous view), otherwise the current entry is replaced (e.g. while typing a date).
 */
export function useViewState(): [
  ViewState,
  (next: Partial<ViewState>, options?: { push?: boolean }) => void,
] {
  const [view, setView] = useState<ViewState>(() => readView(window.location.search));

  useEffect(() => {
    const onPopState = () => setView(readView(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const latest = useRef(view);
  latest.current = view;

  const update = useCallback((next: Partial<ViewState>, options: { push?: boolean } = {}) => {
    const merged = { ...latest.current, ...next };
    const search = viewToSearch(merged, window.location.search);
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      if (options.push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    latest.current = merged;
    setView(merged);
  }, []);

  return [view, update];
}
