/**
 * A tiny hash router: the app is one page served from app://ledger/index.html
 * (or the harness), so routes live in location.hash, like "#/ledger?year=2025".
 * No dependency needed for a dozen fixed routes.
 */
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';

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

export type Route =
  | { name: 'home' }
  | { name: 'ledger' }
  | { name: 'queue' }
  | { name: 'new' }
  | { name: 'detail'; id: number }
  | { name: 'edit'; id: number }
  | { name: 'counsels' }
  | { name: 'departments' }
  | { name: 'categories' }
  | { name: 'settings' }
  | { name: 'trash' }
  | { name: 'reports' }
  | { name: 'users' }
  | { name: 'holidays' }
  | { name: 'audit' }
  | { name: 'backups' }
  | { name: 'import' }
  | { name: 'exchange' }
  | { name: 'notFound' };

const STATIC: Record<string, Route> = {
  '/': { name: 'home' },
  '/ledger': { name: 'ledger' },
  '/queue': { name: 'queue' },
  '/consultations/new': { name: 'new' },
  '/counsels': { name: 'counsels' },
  '/departments': { name: 'departments' },
  '/categories': { name: 'categories' },
  '/settings': { name: 'settings' },
  '/trash': { name: 'trash' },
  '/reports': { name: 'reports' },
  '/users': { name: 'users' },
  '/holidays': { name: 'holidays' },
  '/audit': { name: 'audit' },
  '/backups': { name: 'backups' },
  '/import': { name: 'import' },
  '/exchange': { name: 'exchange' },
};

export function matchRoute(path: string): Route {
  const fixed = STATIC[path];
  if (fixed) return fixed;
  const m = /^\/consultations\/(\d{1,15})(\/edit)?$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return m[2] ? { name: 'edit', id } : { name: 'detail', id };
  }
  return { name: 'notFound' };
}

export const paths = {
  home: '/',
  ledger: '/ledger',
  queue: '/queue',
  newConsultation: '/consultations/new',
  detail: (id: number) => `/consultations/${id}`,
  edit: (id: number) => `/consultations/${id}/edit`,
  counsels: '/counsels',
  departments: '/departments',
  categories: '/categories',
  settings: '/settings',
  trash: '/trash',
  reports: '/reports',
  users: '/users',
  holidays: '/holidays',
  audit: '/audit',
  backups: '/backups',
  import: '/import',
  exchange: '/exchange',
} as const;
