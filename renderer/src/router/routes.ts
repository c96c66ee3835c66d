/**
 * Every screen of the app, in one table: its name, its path, the screen itself
 * (loaded when first opened), who may open it, and its place in the sidebar
 * menu. hash.ts derives the matching and the paths from it, RoutedPage.tsx the
 * screens and their refusals, AppFrame.tsx the menu: a screen is added here
 * (and its menu icon in AppFrame's MENU_ICONS, which the compiler asks for).
 *
 * Plain data and dynamic imports only: the startup prefetch (api/prefetch.ts)
 * matches routes before the app's bundle has loaded, so nothing here may pull
 * the screens or antd in statically.
 */
import type { ComponentType } from 'react';
import type { MethodName } from '#contract/contract';
import type { Messages } from '../i18n/zh-CN';

/** The props a screen gets: the id of a path with ":id" (detail, edit), nothing otherwise. */
export type ScreenProps = { id: number };

export interface RouteDef {
  name: string;
  /** "/reports"; ":id" stands for a positive integer, given to the screen as its `id` */
  path: string;
  /** the screen, loaded when first opened; the first screens (home, ledger, queue) are in the main bundle instead (RoutedPage) */
  screen?: () => Promise<ComponentType<ScreenProps>>;
  /** the method the screen is for: without it the screen shows 无权访问 and is not in the menu (the router refuses the calls anyway) */
  needs?: MethodName;
  /** 'staff': not for an account that is only a counsel; 'counsel': only for an account with the counsel role */
  for?: 'staff' | 'counsel';
  /** in the sidebar menu, under a group or at the top level, with the label nav.<label> (default: nav.<name>); menu order is this table's */
  menu?: { group?: 'basics' | 'system'; label?: keyof Messages['nav'] };
  /** which menu entry is lit while this screen is open (default: its own, if it has one) */
  lights?: 'home' | 'deskTodo';
  /** the end it belongs to (electron/domain/ends.ts): the office's (default), a counsel's desk, or both */
  end?: 'desk' | 'both';
}

// prettier-ignore: one line per screen
export const ROUTES = [
  { name: 'home', path: '/', lights: 'home', end: 'both' },
  { name: 'queue', path: '/queue', for: 'counsel', menu: {} },
  { name: 'ledger', path: '/ledger', menu: {} },
  { name: 'new', path: '/consultations/new', screen: () => import('../features/consultation/NewPage').then((m) => m.NewConsultationPage), needs: 'consultations.create', menu: { label: 'register' } },
  { name: 'import', path: '/import', screen: () => import('../features/import/ImportPage').then((m) => m.ImportPage), needs: 'import.preview', menu: {} },
  { name: 'reports', path: '/reports', screen: () => import('../features/reports/ReportsPage').then((m) => m.ReportsPage), needs: 'reports.tally', menu: {} },
  { name: 'signOff', path: '/signOff', screen: () => import('../features/procedures/SignOffQueuePage').then((m) => m.SignOffQueuePage), needs: 'procedures.signOffQueue', menu: {} },
  { name: 'documents', path: '/documents', screen: () => import('../features/procedures/ExpiringDocumentsPage').then((m) => m.ExpiringDocumentsPage), for: 'staff', menu: {} },
  { name: 'engagements', path: '/engagements', screen: () => import('../features/engagement/EngagementsPage').then((m) => m.EngagementsPage), needs: 'engagements.list', menu: {} },
  { name: 'assessment', path: '/assessment', screen: () => import('../features/engagement/AssessmentPage').then((m) => m.AssessmentPage), needs: 'assessments.get', menu: {} },
  { name: 'counsels', path: '/counsels', screen: () => import('../features/admin/CounselsPage').then((m) => m.CounselsPage), for: 'staff', menu: { group: 'basics' } },
  { name: 'departments', path: '/departments', screen: () => import('../features/admin/DepartmentsPage').then((m) => m.DepartmentsPage), for: 'staff', menu: { group: 'basics' } },
  { name: 'categories', path: '/categories', screen: () => import('../features/admin/CategoriesPage').then((m) => m.CategoriesPage), for: 'staff', menu: { group: 'basics' } },
  { name: 'users', path: '/users', screen: () => import('../features/users/UsersPage').then((m) => m.UsersPage), needs: 'users.list', menu: { group: 'system' } },
  { name: 'holidays', path: '/holidays', screen: () => import('../features/holidays/HolidaysPage').then((m) => m.HolidaysPage), needs: 'calendar.setHolidays', menu: { group: 'system' } },
  { name: 'settings', path: '/settings', screen: () => import('../features/admin/SettingsPage').then((m) => m.SettingsPage), needs: 'settings.update', menu: { group: 'system' } },
  { name: 'backups', path: '/backups', screen: () => import('../features/backups/BackupsPage').then((m) => m.BackupsPage), needs: 'backups.list', menu: { group: 'system' } },
  { name: 'exchange', path: '/exchange', screen: () => import('../features/exchange/ExchangePage').then((m) => m.ExchangePage), needs: 'exchange.status', menu: { group: 'system' } },
  { name: 'audit', path: '/audit', screen: () => import('../features/audit/AuditPage').then((m) => m.AuditPage), needs: 'audit.list', menu: { group: 'system' } },
  { name: 'trash', path: '/trash', screen: () => import('../features/trash/TrashPage').then((m) => m.TrashPage), for: 'staff', menu: {} },
  { name: 'detail', path: '/consultations/:id', screen: () => import('../features/consultation/DetailPage').then((m) => m.ConsultationDetailPage), lights: 'home' },
  // a counsel's desk (issue 23): only these screens, and only there
  { name: 'deskTodo', path: '/desk', screen: () => import('../features/desk/DeskTodoPage').then((m) => m.DeskTodoPage), needs: 'desk.list', end: 'desk', menu: {} },
  { name: 'deskOpen', path: '/desk/open', screen: () => import('../features/desk/DeskOpenPage').then((m) => m.DeskOpenPage), needs: 'desk.openPackage', end: 'desk', menu: {} },
  { name: 'deskReply', path: '/desk/reply', screen: () => import('../features/desk/DeskReplyPage').then((m) => m.DeskReplyPage), needs: 'desk.makeReply', end: 'desk', menu: {} },
  { name: 'deskKeys', path: '/desk/keys', screen: () => import('../features/desk/DeskKeysPage').then((m) => m.DeskKeysPage), needs: 'desk.status', end: 'desk', menu: {} },
  { name: 'deskItem', path: '/desk/items/:id', screen: () => import('../features/desk/DeskItemPage').then((m) => m.DeskItemPage), needs: 'desk.get', end: 'desk', lights: 'deskTodo' },
  { name: 'deskOpinion', path: '/desk/items/:id/opinion', screen: () => import('../features/desk/DeskOpinionPage').then((m) => m.DeskOpinionPage), needs: 'desk.addOpinion', end: 'desk', lights: 'deskTodo' },
  { name: 'edit', path: '/consultations/:id/edit', screen: () => import('../features/consultation/EditPage').then((m) => m.EditConsultationPage), needs: 'consultations.update', lights: 'home' },
] as const satisfies readonly RouteDef[];

type Defs = (typeof ROUTES)[number];
type WithId<P extends string> = P extends `${string}:id${string}` ? true : false;

export type RouteName = Defs['name'];

/** Where the app is: a screen of the table (with the id its path carries), or no screen at all. */
export type Route = { [D in Defs as D['name']]: WithId<D['path']> extends true ? { name: D['name']; id: number } : { name: D['name'] } }[RouteName] | { name: 'notFound' };

/** Each screen's path: a string, or a function of the id for a path with ":id". */
export type Paths = { [D in Defs as D['name']]: WithId<D['path']> extends true ? (id: number) => string : string };

/** The table's entries by name, typed as RouteDef. */
export const ROUTE_BY_NAME: Readonly<Record<RouteName, RouteDef>> = Object.fromEntries(ROUTES.map((r) => [r.name, r])) as Record<RouteName, RouteDef>;
