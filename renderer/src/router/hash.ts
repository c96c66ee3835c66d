/**
 * A tiny hash router: the app is one page served from app://ledger/index.html
 * (or the harness), so routes live in location.hash, like "#/ledger?year=2025".
 * No dependency needed for a dozen fixed routes; the routes themselves are the
 * table in routes.ts.
 */
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import { ROUTES, type Paths, type Route } from './routes';

export interface HashLocation {
  path: string;
  query: URLSearchParams;
}

export type QueryInit = URLSearchParams | Record<string, string | number | boolean | null | undefined>;

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)) || '/';
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
}

export function toSearchParams(query: QueryInit | undefined): URLSearchParams {
  if (!query) return new URLSearchParams();
  if (query instanceof URLSearchParams) return new URLSearchParams(query);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  }
  return params;
}

export function formatHash(path: string, query?: QueryInit): string {
  const qs = toSearchParams(query).toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, query?: QueryInit, options: { replace?: boolean } = {}): void {
  const hash = formatHash(path, query);
  if (hash === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    // replaceState fires no event; tell the subscribers ourselves
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashLocation(): HashLocation {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return useMemo(() => parseHash(hash), [hash]);
}

const ScreenLocation = createContext<HashLocation | null>(null);

/** Given by the frame to the screen it shows (the frame's own useHashLocation). */
export const ScreenLocationProvider = ScreenLocation.Provider;

/**
 * The location, inside a screen. Screens take it from the frame rather than
 * subscribing themselves: a screen that is leaving (kept mounted while the next,
 * lazily loaded one suspends) then never renders with the next screen's URL.
 */
export function useScreenLocation(): HashLocation {
  const location = useContext(ScreenLocation);
  if (!location) throw new Error('useScreenLocation outside a ScreenLocationProvider');
  return location;
}

export type { Route } from './routes';

/** The table's paths without ":id", and those with it as patterns (an id is 1 to 15 digits, a positive safe integer). */
const STATIC = new Map<string, Route>(ROUTES.filter((r) => !r.path.includes(':id')).map((r) => [r.path, { name: r.name } as Route]));
const PATTERNS = ROUTES.filter((r) => r.path.includes(':id')).map((r) => ({
  name: r.name,
  pattern: new RegExp(`^${r.path.replace(':id', '(\\d{1,15})')}$`),
}));

export function matchRoute(path: string): Route {
  const fixed = STATIC.get(path);
  if (fixed) return { ...fixed };
  for (const { name, pattern } of PATTERNS) {
    const m = pattern.exec(path);
    if (!m) continue;
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name, id } as Route;
  }
  return { name: 'notFound' };
}

/** Each screen's path by its name: paths.reports, paths.detail(12). */
export const paths: Paths = Object.fromEntries(
  ROUTES.map((r) => [r.name, r.path.includes(':id') ? (id: number) => r.path.replace(':id', String(id)) : r.path]),
) as Paths;
