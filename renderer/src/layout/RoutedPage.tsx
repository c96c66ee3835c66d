import { lazy, Suspense } from 'react';
import type { MethodName } from '#contract/contract';
import { isCounselOnly, useCan, useRoles } from '../api/hooks';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { QueuePage } from '../features/queue/QueuePage';
import type { Route } from '../router/hash';
import { Loading } from '../shared/PageState';

/**
 * The ledger and the counsel's queue (the screens the app opens on) are in the
 * main bundle; every other screen is loaded when first opened, so the first
 * screen compiles less.
 */
const CategoriesPage = lazy(() => import('../features/admin/CategoriesPage').then((m) => ({ default: m.CategoriesPage })));
const CounselsPage = lazy(() => import('../features/admin/CounselsPage').then((m) => ({ default: m.CounselsPage })));
const DepartmentsPage = lazy(() => import('../features/admin/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const SettingsPage = lazy(() => import('../features/admin/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const BackupsPage = lazy(() => import('../features/backups/BackupsPage').then((m) => ({ default: m.BackupsPage })));
const ConsultationDetailPage = lazy(() => import('../features/consultation/DetailPage').then((m) => ({ default: m.ConsultationDetailPage })));
const EditConsultationPage = lazy(() => import('../features/consultation/EditPage').then((m) => ({ default: m.EditConsultationPage })));
const NewConsultationPage = lazy(() => import('../features/consultation/NewPage').then((m) => ({ default: m.NewConsultationPage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const ExchangePage = lazy(() => import('../features/exchange/ExchangePage').then((m) => ({ default: m.ExchangePage })));
const HolidaysPage = lazy(() => import('../features/holidays/HolidaysPage').then((m) => ({ default: m.HolidaysPage })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const TrashPage = lazy(() => import('../features/trash/TrashPage').then((m) => ({ default: m.TrashPage })));
const NotFound = lazy(() => import('./PageResults').then((m) => ({ default: m.NotFound })));
const Forbidden = lazy(() => import('./PageResults').then((m) => ({ default: m.Forbidden })));
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));

/** The method a screen is for: without it the screen is not offered (the router refuses the calls anyway). */
const NEEDS: Partial<Record<Route['name'], MethodName>> = {
  new: 'consultations.create',
  edit: 'consultations.update',
  settings: 'settings.update',
  users: 'users.list',
  holidays: 'calendar.setHolidays',
  audit: 'audit.list',
  backups: 'backups.list',
  import: 'import.preview',
  exchange: 'exchange.status',
};

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
  const counselOnly = isCounselOnly(roles);
  const needs = NEEDS[route.name];
  if (needs && !can(needs)) return <Forbidden />;
  if (counselOnly && (route.name === 'trash' || route.name === 'counsels' || route.name === 'departments' || route.name === 'categories')) {
    return <Forbidden />;
  }
  switch (route.name) {
    case 'home':
      return counselOnly ? <QueuePage /> : <LedgerPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'queue':
      return roles.includes('counsel') ? <QueuePage /> : <Forbidden />;
    case 'new':
      return <NewConsultationPage />;
    case 'detail':
      return <ConsultationDetailPage key={route.id} id={route.id} />;
    case 'edit':
      return <EditConsultationPage key={route.id} id={route.id} />;
    case 'counsels':
      return <CounselsPage />;
    case 'departments':
      return <DepartmentsPage />;
    case 'categories':
      return <CategoriesPage />;
    case 'settings':
      return <SettingsPage />;
    case 'trash':
      return <TrashPage />;
    case 'reports':
      return <ReportsPage />;
    case 'users':
      return <UsersPage />;
    case 'holidays':
      return <HolidaysPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'audit':
      return <AuditPage />;
    case 'backups':
      return <BackupsPage />;
    case 'import':
      return <ImportPage />;
    case 'notFound':
      return <NotFound />;
  }
}
