/**
 * The Electron shell, deliberately thin: one instance, one window, the app://
 * protocol, the security switches, one IPC channel and the native dialogs.
 * Everything else lives in plain-Node code (./api, ./services, ../db) that the
 * tests run without Electron; the policy values come from ./security.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { nativeBindingPath } from '../build/native-path.mjs';
import { IPC_CHANNEL, type Envelope } from '#contract/envelope';
import { startRuntime, type Runtime } from './runtime';
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
let runtime: Runtime | null = null;
/** settles when the database is checked, migrated and open (null: it could not be, and the app is quitting) */
let runtimeReady: Promise<Runtime | null> = Promise.resolve(null);
let quitting = false;

// must happen before 'ready'
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// every renderer sandboxed, whatever a future window forgets to set
app.enableSandbox();

/**
 * In development Electron loads the Electron build of better-sqlite3 made by
 * build/electron-native.mjs, so node_modules keeps Node's build for the tests.
 * Packaged, node_modules holds the Electron build (electron-builder rebuilds it).
 */
function devNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = nativeBindingPath(app.getAppPath(), process.versions.electron, process.platform, process.arch);
  if (!existsSync(file)) {
    throw new Error(`缺少 Electron 版 better-sqlite3（${file}）。请先运行：node build/electron-native.mjs`);
  }
  return file;
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
    async printToPdf() {
      if (!mainWindow) throw new Error('没有可导出的窗口');
      // the page size and margins come from the report's print stylesheet (@page)
      return mainWindow.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
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

function start(): void {
  hardenSessionAndContents();
  const dataDir = app.getPath('userData');
  // The window loads while the database is checked on a worker thread
  // (quick_check reads the whole file: seconds for a large ledger) and then
  // migrated; calls wait for it below.
  runtimeReady = startRuntime({
    dbFile: path.join(dataDir, 'ledger.sqlite3'),
    nativeBinding: devNativeBinding(),
    platform: electronPlatform(dataDir),
  }).then(
    (started) => {
      if (quitting) {
        started.close();
        return null;
      }
      runtime = started;
      return started;
    },
    (err: unknown) => {
      dialog.showErrorBox(PRODUCT_NAME, err instanceof Error ? err.message : String(err));
      app.quit();
      return null;
    },
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
  void app.whenReady().then(start);
}
