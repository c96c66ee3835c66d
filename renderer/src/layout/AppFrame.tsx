/**
 * The frame: the sidebar menu (only what the signed-in roles may use, with the
 * reminders badge), the header with the office name, search, the account menu
 * and the language switch, a failed automatic backup (BackupProblemBar), and the routed page.
 */
import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudServerOutlined,
  DeleteOutlined,
  FileAddOutlined,
  ImportOutlined,
  InboxOutlined,
  SearchOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  ApartmentOutlined,
  DatabaseOutlined,
  UserSwitchOutlined,
  SolutionOutlined,
  SwapOutlined,
  FileSearchOutlined,
  TrophyOutlined,
  FolderOpenOutlined,
  SendOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Layout, Menu, Space } from 'antd';
import type { MenuProps } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { isCounselOnly, useApi, useAuthStatus, useCan, useEnd, useRoles } from '../api/hooks';
import { BackupProblemBar } from '../features/backups/BackupProblemBar';
import { lastLedgerQuery } from '../features/ledger/filterState';
import { takeSignedInMark } from '../features/session/context';
import { UserMenu } from '../features/session/UserMenu';
import { matchRoute, navigate, paths, ScreenLocationProvider, useHashLocation, type Route } from '../router/hash';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { useDiscardCount } from '../shared/unsaved';
import { useHotkey } from '../shared/useHotkey';
import { readUserPref, writeUserPref } from '../shared/userPrefs';
import { ROUTE_BY_NAME, ROUTES, type RouteDef, type RouteName } from '../router/routes';
import type { Messages } from '../i18n/zh-CN';
import { mayOpen, RoutedPage } from './RoutedPage';

const { Sider, Header, Content } = Layout;

/** Loaded when first opened (Ctrl+K), not with the first screen. */
const SearchModal = lazy(() => import('../features/search/SearchModal').then((m) => ({ default: m.SearchModal })));

/** The menu entry lit on a screen: its own, or (home, detail, edit) the screen the account starts from. */
function selectedKey(route: Route, counselOnly: boolean, desk: boolean): string {
  const lights = route.name === 'notFound' ? undefined : ROUTE_BY_NAME[route.name].lights;
  if (lights === 'home') return desk ? 'deskTodo' : counselOnly ? 'queue' : 'ledger';
  return lights ?? route.name;
}

/** The sidebar's icon of each screen in the menu (router/routes.ts): a screen added to the menu without one does not compile. */
const MENU_ICONS: Record<Extract<(typeof ROUTES)[number], { menu: object }>['name'], ReactNode> = {
  queue: <InboxOutlined />,
  ledger: <TableOutlined />,
  new: <FileAddOutlined />,
  import: <ImportOutlined />,
  reports: <BarChartOutlined />,
  signOff: <AuditOutlined />,
  documents: <FileSearchOutlined />,
  engagements: <SolutionOutlined />,
  assessment: <TrophyOutlined />,
  counsels: <TeamOutlined />,
  departments: <ApartmentOutlined />,
  categories: <AppstoreOutlined />,
  users: <UserSwitchOutlined />,
  holidays: <CalendarOutlined />,
  settings: <SettingOutlined />,
  backups: <CloudServerOutlined />,
  exchange: <SwapOutlined />,
  audit: <AuditOutlined />,
  trash: <DeleteOutlined />,
  deskTodo: <InboxOutlined />,
  deskOpen: <FolderOpenOutlined />,
  deskReply: <SendOutlined />,
  deskKeys: <KeyOutlined />,
};

/** The reminders' count as a badge: red when something is overdue, orange when only due soon. */
function useReminderBadge(office: boolean): (label: string) => ReactNode {
  const reminders = useApi('reminders.summary', {}, { enabled: office });
  const { t } = useTranslation();
  const overdue = reminders.data?.overdue ?? 0;
  const soon = reminders.data?.dueSoon ?? 0;
  return (label) =>
    overdue + soon > 0 ? (
      <span className="menu-with-badge">
        <span>{label}</span>
        <Badge
          count={overdue + soon}
          color={overdue > 0 ? '#ff4d4f' : '#fa8c16'}
          size="small"
          title={t('reminders.badge', { overdue, soon })}
        />
      </span>
    ) : (
      label
    );
}

/**
 * At sign-in: what is overdue or due soon, at most once a day for each user
 * (the day is remembered on this computer); the banner on the home screens says
 * it the rest of the day. Shown at the bottom right, away from the page's
 * actions (登记咨询, search, the account menu, the banner's button).
 */
function useSignInReminder(office: boolean): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const counselOnly = isCounselOnly(useRoles());
  const username = useAuthStatus().data?.user?.username;
  useEffect(() => {
    if (!takeSignedInMark() || !office) return;
    void Promise.all([call('reminders.summary', {}), call('app.info', {})])
      .then(([{ overdue, dueSoon }, { today }]) => {
        if (overdue + dueSoon === 0) return;
        if (readUserPref(username, 'reminderShownOn') === today) return;
        writeUserPref(username, 'reminderShownOn', today);
        const view = () => (counselOnly ? navigate(paths.queue) : navigate(paths.ledger, overdue > 0 ? { year: 'all', overdue: 1 } : undefined));
        notification.warning({
          title: t('reminders.title'),
          description: t('reminders.atSignIn', { overdue, soon: dueSoon }),
          placement: 'bottomRight',
          duration: 8,
          actions: (
            <Button size="small" type="primary" onClick={view}>
              {t('reminders.view')}
            </Button>
          ),
        });
      })
      .catch(() => undefined);
  }, [counselOnly, notification, office, t, username]);
}

export function AppFrame() {
  const { t } = useTranslation();
  const location = useHashLocation();
  const discards = useDiscardCount();
  const route = matchRoute(location.path);
  const end = useEnd();
  const office = end === 'office';
  // a counsel's desk has no office settings, reminders or search (the router refuses them there)
  const settings = useApi('settings.get', {}, { enabled: office });
  const user = useAuthStatus().data?.user;
  const can = useCan();
  const roles = useRoles();
  const counselOnly = isCounselOnly(roles);
  const hasQueue = roles.includes('counsel');
  const badge = useReminderBadge(office);
  const [searching, setSearching] = useState(false);
  useSignInReminder(office);

  useHotkey('n', () => navigate(paths.new), can('consultations.create'));
  useHotkey('k', () => setSearching(true), office);

  // the table's screens this account may open, in its order; consecutive entries of one group under the group's title
  const items: NonNullable<MenuProps['items']> = [];
  for (const def of ROUTES as readonly RouteDef[]) {
    if (!def.menu || !mayOpen(def, roles, can, end)) continue;
    const name = def.name as keyof typeof MENU_ICONS;
    const text = t(`nav.${def.menu.label ?? (name as keyof Messages['nav'])}`);
    // the reminders badge sits on the counsel's queue, or on the ledger for everyone else
    const label = name === 'queue' || (name === 'ledger' && !hasQueue) ? badge(text) : text;
    const item = { key: name, icon: MENU_ICONS[name], label };
    const group = def.menu.group;
    const last = items.at(-1);
    if (!group) items.push(item);
    else if (last && last.type === 'group' && last.key === group) last.children?.push(item);
    else items.push({ key: group, type: 'group', label: t(`nav.${group}`), children: [item] });
  }

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'ledger') navigate(paths.ledger, lastLedgerQuery());
    else navigate(ROUTE_BY_NAME[key as RouteName].path);
  };

  const officeName = !office ? t('desk.frameTitle', { name: user?.displayName ?? '' }) : settings.data?.officeName || (settings.isSuccess ? t('app.officeNotSet') : '');

  return (
    <Layout style={{ height: '100%' }}>
      <Sider width={184} theme="dark" className="app-sider">
        <div className="app-brand" title={t('app.name')}>
          <DatabaseOutlined style={{ marginRight: 8 }} />
          {t('app.name')}
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(route, counselOnly, !office)]} items={items} onClick={onMenu} />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <div className="app-header-title" title={officeName}>
            {officeName}
          </div>
          <Space size="middle">
            {office ? (
              <Button icon={<SearchOutlined />} onClick={() => setSearching(true)} className="search-trigger" aria-label={t('search.open')}>
                <span className="search-trigger-text">{t('search.trigger')}</span>
                <kbd>{t('search.shortcut')}</kbd>
              </Button>
            ) : null}
            <UserMenu />
            <LanguageSwitch />
          </Space>
        </Header>
        <Content className="app-content">
          <BackupProblemBar />
          <ScreenLocationProvider value={location}>
            <RoutedPage key={discards} route={route} />
          </ScreenLocationProvider>
        </Content>
      </Layout>
      {searching ? (
        <Suspense fallback={null}>
          <SearchModal onClose={() => setSearching(false)} />
        </Suspense>
      ) : null}
    </Layout>
  );
}
