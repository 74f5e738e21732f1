// Load something from the API when its inputs change, cancelling the request it replaces.
// While a new request runs the previous data stays visible (no flicker); a failure clears it, so the page
// never shows figures for another instrument or date than the one asked for.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbort } from './api.ts';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * `initial`, when given, is shown at once (the figures the server put in the page, src/server/first-page.ts)
 * and revalidated by the first load; should that load fail, the initial data stays, without an error: it is
 * the server's own answer of a moment ago.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  initial?: T,
): Resource<T> {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const showingInitial = useRef(initial !== undefined);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        showingInitial.current = false;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted || isAbort(reason)) return;
        setLoading(false);
        if (showingInitial.current) return;
        setData(undefined);
        setError(reason);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is recreated on every render; the caller's deps say when it really changes.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
