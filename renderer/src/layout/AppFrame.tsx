/** The frame: sidebar menu, header with the office name and the language switch, and the routed page. */
import {
  AppstoreOutlined,
  BarChartOutlined,
  DeleteOutlined,
  FileAddOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  ApartmentOutlined,
  DatabaseOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppInfo, useCan, useSettings } from '../api/hooks';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { lastLedgerQuery } from '../features/ledger/filterState';
import { matchRoute, navigate, paths, useHashLocation, type Route } from '../router/hash';
import { useHotkey } from '../shared/useHotkey';
import { RoutedPage } from './RoutedPage';

const { Sider, Header, Content } = Layout;

function selectedKey(route: Route): string {
  switch (route.name) {
    case 'detail':
    case 'edit':
      return 'ledger';
    case 'new':
      return 'register';
    default:
      return route.name;
  }
}

export function AppFrame() {
  const { t, i18n } = useTranslation();
  const location = useHashLocation();
  const route = matchRoute(location.path);
  const info = useAppInfo();
  const settings = useSettings();
  const can = useCan();

  useHotkey('n', () => navigate(paths.newConsultation), can('consultations.create'));

  const items: MenuProps['items'] = [
    { key: 'ledger', icon: <TableOutlined />, label: t('nav.ledger') },
    ...(can('consultations.create') ? [{ key: 'register', icon: <FileAddOutlined />, label: t('nav.register') }] : []),
    { key: 'reports', icon: <BarChartOutlined />, label: t('nav.reports') },
    {
      key: 'basics',
      type: 'group' as const,
      label: t('nav.basics'),
      children: [
        { key: 'counsels', icon: <TeamOutlined />, label: t('nav.counsels') },
        { key: 'departments', icon: <ApartmentOutlined />, label: t('nav.departments') },
        { key: 'categories', icon: <AppstoreOutlined />, label: t('nav.categories') },
      ],
    },
    { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') },
    { key: 'trash', icon: <DeleteOutlined />, label: t('nav.trash') },
  ];

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'ledger') navigate(paths.ledger, lastLedgerQuery());
    else if (key === 'register') navigate(paths.newConsultation);
    else navigate(`/${key}`);
  };

  const officeName = settings.data?.officeName || (settings.isSuccess ? t('app.officeNotSet') : '');
  const roles = info.data?.user.roles ?? [];

  return (
    <Layout style={{ height: '100%' }}>
      <Sider width={184} theme="dark">
        <div className="app-brand" title={t('app.name')}>
          <DatabaseOutlined style={{ marginRight: 8 }} />
          {t('app.name')}
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(route)]} items={items} onClick={onMenu} />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <div className="app-header-title" title={officeName}>
            {officeName}
          </div>
          <Space size="middle">
            {roles.length > 0 ? (
              <Typography.Text type="secondary" className="nowrap">
                {roles.map((r) => t(`roles.${r}`)).join(' · ')}
              </Typography.Text>
            ) : null}
            <Segmented<Language>
              aria-label={t('lang.label')}
              value={i18n.language === 'en' ? 'en' : 'zh-CN'}
              options={LANGUAGES.map((lng) => ({ value: lng, label: lng === 'en' ? t('lang.en') : t('lang.zh') }))}
              onChange={(lng) => void setLanguage(lng)}
            />
          </Space>
        </Header>
        <Content className="app-content">
          <RoutedPage route={route} />
        </Content>
      </Layout>
    </Layout>
  );
}
