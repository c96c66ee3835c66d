/**
 * The Electron shell, deliberately thin: one instance, one window, the app://
 * protocol, the security switches, one IPC channel and the native dialogs.
 * Everything else lives in plain-Node code (./api, ./services, ../db) that the
 * tests run without Electron; the policy values come from ./security.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { IPC_CHANNEL, UNSAVED_CHANNEL, type Envelope } from '#contract/envelope';
import { failedStartRouter } from '#contract/failed-start';
import type { Router } from '#contract/router';
import type { Runtime } from './runtime';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  isAllowedNavigation,
  isTrustedSender,
  serveAppRequest,
  windowOptions,
} from './security';
import type { PlatformAdapter } from './services/platform';

const PRODUCT_NAME = '法律顾问咨询台账';
const RENDERER_DIR = path.join(import.meta.dirname, '../renderer');
const PRELOAD_FILE = path.join(import.meta.dirname, '../preload/index.cjs');

let mainWindow: BrowserWindow | null = null;
/** what the page last said through window.ledger.setUnsavedChanges */
let unsavedChanges = false;

/** true: close anyway (the typed changes are lost); false: stay. */
function askCloseWithUnsaved(win: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(win, {
    type: 'warning',
    title: PRODUCT_NAME,
    message: '有尚未保存的修改',
    detail: '关闭后，刚才填写的内容将不会保存。Unsaved changes will be lost.',
    buttons: ['继续编辑', '放弃修改并关闭'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return choice === 1;
}
let runtime: Runtime | null = null;
/** settles when the database is checked, migrated and open: its router, or one that shows why it could not be (null: quitting) */
let runtimeReady: Promise<Pick<Runtime, 'router'> | { router: Router } | null> = Promise.resolve(null);
let quitting = false;

// must happen before 'ready'
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// every renderer sandboxed, whatever a future window forgets to set
app.enableSandbox();

/** Suffix of the data folder of development runs (`npm start`, unpackaged). */
const DEV_DATA_SUFFIX = '-dev';

/**
 * `npm start` on a PC where the app is installed must never open (and
 * migrate) the real ledger: unpackaged runs keep their data in a folder of
 * their own. Set before anything reads userData (the single-instance lock is
 * kept there too, so a development run and the installed app do not block
 * each other).
 */
if (!app.isPackaged) app.setPath('userData', `${app.getPath('userData')}${DEV_DATA_SUFFIX}`);

const DAMAGED_INSTALLATION = '程序文件缺失或损坏，无法启动，请重新安装本软件。';
const MODULE_LOAD_FAILURES = new Set(['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND', 'ERR_DLOPEN_FAILED']);
/** The dynamic linker's words when a binary needs a newer C/C++ runtime than the system has (better-sqlite3's Linux binary: glibc 2.34) */
const OLD_SYSTEM_LIBRARY = /version [`']((?:GLIBC|GLIBCXX|CXXABI)_[\d.]+)' not found/;

/**
 * Any failure to start is shown and ends the app: never a windowless process
 * that keeps the single-instance lock (every later start would just hand over
 * to it and leave). A module that cannot be loaded (the app's own code, or
 * better-sqlite3's binary, loaded at the first open) means a damaged installation.
 */
function isModuleLoadFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && MODULE_LOAD_FAILURES.has(code)) || OLD_SYSTEM_LIBRARY.test(err instanceof Error ? err.message : String(err));
}

function failStart(err: unknown, loadingModules = false): null {
  const message = err instanceof Error ? err.message : String(err);
  const damaged = loadingModules || isModuleLoadFailure(err);
  const oldSystem = OLD_SYSTEM_LIBRARY.exec(message);
  const shown = oldSystem
    ? `本机操作系统的系统库版本过低（缺少 ${oldSystem[1]}），无法加载数据库组件，请升级操作系统或改用较新的系统。\n（${message}）`
    : damaged
      ? `${DAMAGED_INSTALLATION}\n（${message}）`
      : message;
  dialog.showErrorBox(PRODUCT_NAME, shown);
  app.quit();
  return null;
}

/** Dialogs and the shell, as the services see them (./services/platform). */
function electronPlatform(dataDir: string): PlatformAdapter {
  return {
    dataDir,
    async chooseSavePath({ defaultName, filters }) {
      const opts = { defaultPath: path.join(app.getPath('documents'), defaultName), filters };
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseOpenPaths({ filters, multiple }) {
      const properties: Array<'openFile' | 'multiSelections'> = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const opts = { filters, properties };
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? [] : r.filePaths;
    },
    async chooseFolder({ title, defaultPath }) {
      const opts = { title, defaultPath, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    async revealFile(file) {
      shell.showItemInFolder(file);
    },
    async openFile(file) {
      const failure = await shell.openPath(file); // '' on success
      if (failure) throw new Error(`无法打开文件：${failure}`);
    },
    async printToPdf(options) {
      if (!mainWindow) throw new Error('没有可导出的窗口');
      return mainWindow.webContents.printToPDF(options);
    },
    async printHtmlToPdf(html, options) {
      // a hidden window of its own, no script and no preload: the page is made by the service, printed and closed
      const page = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
      try {
        await page.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
        return await page.webContents.printToPDF(options);
      } finally {
        page.destroy();
      }
    },
  };
}

function buildMenu(): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  // developer tools only in development builds
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' });
  return Menu.buildFromTemplate([
    { label: '文件(&F)', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    { label: '帮助(&H)', submenu: [{ role: 'about', label: `关于${PRODUCT_NAME}` }] },
  ]);
}

function createWindow(): void {
  mainWindow = new BrowserWindow(windowOptions(PRELOAD_FILE, { devTools: !app.isPackaged, title: PRODUCT_NAME }));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // a form with unsaved changes: ask before the window (and with it the typed text) goes
  mainWindow.on('close', (event: Electron.Event) => {
    if (!unsavedChanges || !mainWindow) return;
    if (askCloseWithUnsaved(mainWindow)) unsavedChanges = false;
    else event.preventDefault();
  });
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(APP_ENTRY_URL);
}

function hardenSessionAndContents(): void {
  // an offline ledger needs no camera, microphone, notifications, geolocation...
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_DIR, request));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-frame-navigate', (details) => {
      if (!isAllowedNavigation(details.url)) details.preventDefault();
    });
    contents.on('will-redirect', (details) => {
      if (!isAllowedNavigation(details.url)) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function start({ startRuntime }: typeof import('./runtime')): void {
  hardenSessionAndContents();
  const dataDir = app.getPath('userData');
  // The window loads while the database is checked on a worker thread
  // (quick_check reads the whole file: seconds for a large ledger) and then
  // migrated; calls wait for it below.
  runtimeReady = startRuntime({
    dbFile: path.join(dataDir, 'ledger.sqlite3'),
    platform: electronPlatform(dataDir),
    // the audit chain's key, encrypted for this Windows account (services/audit-key.ts)
    auditKeyProtector: safeStorage,
  }).then(
    (started) => {
      if (quitting) {
        started.close();
        return null;
      }
      runtime = started;
      return started;
    },
    // a program file that cannot be loaded: an error box and an exit (failStart); anything
    // else: the window shows the recovery screen with the reason (api/failed-start.ts)
    (err: unknown) => (quitting ? null : isModuleLoadFailure(err) ? failStart(err) : { router: failedStartRouter(err) }),
  );
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
    }
    const ready = await runtimeReady;
    if (!ready) return { ok: false, error: { code: 'UNAVAILABLE', message: '数据库未能打开' } };
    try {
      return await ready.router.call(method, input);
    } catch (err) {
      // the router answers with envelopes; a throw here is a bug, keep the detail in the log
      console.error('[ipc]', err);
      return { ok: false, error: { code: 'INTERNAL', message: '内部错误，请重试或联系管理员' } };
    }
  });
  ipcMain.on(UNSAVED_CHANNEL, (event, dirty: unknown) => {
    if (isTrustedSender(event.senderFrame, event.sender.mainFrame)) unsavedChanges = dirty === true;
  });
  Menu.setApplicationMenu(buildMenu());
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // another instance owns the database file: hand over to it and leave
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  if (process.platform === 'win32') app.setAppUserModelId('cn.gov.counsel-ledger');
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    quitting = true;
    runtime?.close(); // checkpoints the WAL and releases the file
    runtime = null;
  });
  // The runtime (database, services, better-sqlite3) loads while Electron gets
  // ready, as a dynamic import so that a module that cannot be loaded is shown
  // by failStart instead of leaving a process without a window.
  const runtimeModule = import('./runtime');
  runtimeModule.catch(() => {}); // handled below, after 'ready'
  void app
    .whenReady()
    .then(() => runtimeModule.then(start, (err: unknown) => failStart(err, true)))
    .catch((err: unknown) => failStart(err));
}
