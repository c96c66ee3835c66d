import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { CategoriesPage } from '../features/admin/CategoriesPage';
import { CounselsPage } from '../features/admin/CounselsPage';
import { DepartmentsPage } from '../features/admin/DepartmentsPage';
import { SettingsPage } from '../features/admin/SettingsPage';
import { ConsultationDetailPage } from '../features/consultation/DetailPage';
import { EditConsultationPage } from '../features/consultation/EditPage';
import { NewConsultationPage } from '../features/consultation/NewPage';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { TrashPage } from '../features/trash/TrashPage';
import { navigate, paths, type Route } from '../router/hash';

export function RoutedPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'ledger':
      return <LedgerPage />;
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
      extra={<Button onClick={() => navigate(paths.ledger)}>{t('nav.backToLedger')}</Button>}
    />
  );
}
