import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { isCounselOnly, useCan, useEnd, useRoles } from '../api/hooks';
import type { AppEnd } from '#domain/ends';
import type { Role } from '#domain/types';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { QueuePage } from '../features/queue/QueuePage';
import type { Route } from '../router/hash';
import { ROUTE_BY_NAME, ROUTES, type RouteDef, type RouteName, type ScreenProps } from '../router/routes';
import { Loading } from '../shared/PageState';

/**
 * The ledger and the counsel's queue (the screens the app opens on) are in the
 * main bundle; every other screen of the table (router/routes.ts) is loaded when
 * first opened, so the first screen compiles less.
 */
const SCREENS = new Map<RouteName, LazyExoticComponent<ComponentType<Partial<ScreenProps>>>>(
  ROUTES.flatMap((r: RouteDef) => {
    const load = r.screen;
    return load ? [[r.name as RouteName, lazy(() => load().then((c) => ({ default: c as ComponentType<Partial<ScreenProps>> })))] as const] : [];
  }),
);
/** A counsel's desk starts from 我的待办 */
const DeskHome = SCREENS.get('deskTodo')!;
const NotFound = lazy(() => import('./PageResults').then((m) => ({ default: m.NotFound })));
const Forbidden = lazy(() => import('./PageResults').then((m) => ({ default: m.Forbidden })));

/** Whether an account may open a screen of the table on this copy's end (its menu entry is shown on the same terms). */
export function mayOpen(def: RouteDef, roles: readonly Role[], can: (method: NonNullable<RouteDef['needs']>) => boolean, end: AppEnd): boolean {
  if (def.end !== 'both' && (def.end ?? 'office') !== end) return false;
  if (def.needs && !can(def.needs)) return false;
  if (def.for === 'staff' && isCounselOnly(roles)) return false;
  if (def.for === 'counsel' && !roles.includes('counsel')) return false;
  return true;
}

export function RoutedPage({ route }: { route: Route }) {
  // One boundary per screen: leaving a screen unmounts it at once. (A shared boundary would keep the
  // old screen mounted, hidden, while the next one loads, still rendering with the new URL.)
  return (
    <Suspense key={route.name} fallback={<Loading />}>
      <Page route={route} />
    </Suspense>
  );
}

function Page({ route }: { route: Route }) {
  const can = useCan();
  const roles = useRoles();
  const end = useEnd();
  if (route.name === 'notFound') return <NotFound />;
  if (!mayOpen(ROUTE_BY_NAME[route.name], roles, can, end)) return <Forbidden />;
  switch (route.name) {
    case 'home':
      if (end === 'desk') return <DeskHome />;
      return isCounselOnly(roles) ? <QueuePage /> : <LedgerPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'queue':
      return <QueuePage />;
  }
  const Screen = SCREENS.get(route.name);
  if (!Screen) return <NotFound />;
  return 'id' in route ? <Screen key={route.id} id={route.id} /> : <Screen />;
}
