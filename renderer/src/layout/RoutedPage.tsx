import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../../electron/api/contract';
import { isCounselOnly, useCan, useRoles } from '../api/hooks';
import { CategoriesPage } from '../features/admin/CategoriesPage';
import { CounselsPage } from '../features/admin/CounselsPage';
import { DepartmentsPage } from '../features/admin/DepartmentsPage';
import { SettingsPage } from '../features/admin/SettingsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { ConsultationDetailPage } from '../features/consultation/DetailPage';
import { EditConsultationPage } from '../features/consultation/EditPage';
import { NewConsultationPage } from '../features/consultation/NewPage';
import { ImportPage } from '../features/import/ImportPage';
import { HolidaysPage } from '../features/holidays/HolidaysPage';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { QueuePage } from '../features/queue/QueuePage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { TrashPage } from '../features/trash/TrashPage';
import { UsersPage } from '../features/users/UsersPage';
import { navigate, paths, type Route } from '../router/hash';

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
};

export function RoutedPage({ route }: { route: Route }) {
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

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('nav.notFound')}
      extra={<Button onClick={() => navigate(paths.home)}>{t('nav.backHome')}</Button>}
    />
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('nav.forbidden')}
      subTitle={t('nav.forbiddenHint')}
      extra={<Button onClick={() => navigate(paths.home)}>{t('nav.backHome')}</Button>}
    />
  );
}
