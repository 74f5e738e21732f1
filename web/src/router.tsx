// A tiny client-side router on the History API: the path picks the page; links and redirects push or
// replace history entries without reloading. The server answers every non-API path with index.html.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The current path without a trailing slash ("/account/" → "/account"; "/" stays "/"). */
export function currentPath(): string {
  const path = window.location.pathname;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query string's parameters, kept current through links, navigate() and back/forward. */
export function useSearchParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.search).get(name));
}

/** What a page may be told when it is navigated to (kept in history.state, so back/forward keep it). */
export interface NavigationState {
  notice?: 'signedOut' | 'passwordSet';
}

export function navigationState(): NavigationState {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null ? (state as NavigationState) : {};
}

export function navigate(to: string, options: { replace?: boolean; state?: NavigationState } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  for (const listener of listeners) listener();
}

/**
 * Where to go after signing in: a path of this site only ("/admin/users"), never another origin
 * ("//evil.example", "https://…", "javascript:…"), so the `next` parameter cannot be used as an open
 * redirect. Browsers drop tabs and line breaks from addresses and read "\\" as "/", so "/%09/evil.example"
 * would become "//evil.example": any control character or backslash is refused, and what is left must
 * resolve to this origin. The path returned is the resolved one, so what is checked is what is followed.
 */
export function safeNext(
  value: string | null,
  fallback: string,
  origin: string = window.location.origin,
): string {
  // eslint-disable-next-line no-control-regex
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, origin);
    if (url.origin !== origin || value.startsWith('//')) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The sign-in page, returning afterwards to `next` (by default the current page). */
export function signInPath(next: string = `${window.location.pathname}${window.location.search}`): string {
  return `/account/sign-in?next=${encodeURIComponent(next)}`;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (opens in a new tab, copies, etc.) that navigates in place on a plain click. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (props.target && props.target !== '_self')
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...props} href={to} onClick={follow} />;
}
