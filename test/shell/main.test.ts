/**
 * electron/main.ts against a stand-in 'electron' module: Electron cannot start
 * on the build machines, but the wiring (what is registered, in which order,
 * what the IPC handler answers) can still be checked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pdfPrintOptions } from '../../electron/services/reports/export/pdf';
import type { PlatformAdapter } from '../../electron/services/platform';

type AnyFn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    lock: true,
    isPackaged: true,
    userData: '/tmp',
    appEvents: new Map<string, AnyFn[]>(),
    ipc: new Map<string, AnyFn>(),
    ipcOn: new Map<string, AnyFn>(),
    windows: [] as { options: Record<string, unknown>; url?: string; events: Map<string, AnyFn>; destroyed?: boolean }[],
    menu: null as unknown,
    permissionRequest: null as AnyFn | null,
    permissionCheck: null as AnyFn | null,
    protocolHandlers: new Map<string, AnyFn>(),
    schemes: null as unknown,
    errorBoxes: [] as [string, string][],
    quit: 0,
    pdfOptions: [] as unknown[],
    messageBoxes: [] as Record<string, unknown>[],
    messageBoxAnswer: 0,
  };
  const on = (name: string, fn: AnyFn) => {
    state.appEvents.set(name, [...(state.appEvents.get(name) ?? []), fn]);
  };
  const electron = {
    app: {
      requestSingleInstanceLock: () => (state.calls.push('lock'), state.lock),
      enableSandbox: () => state.calls.push('enableSandbox'),
      on,
      once: on,
      whenReady: () => (state.calls.push('whenReady'), Promise.resolve()),
      quit: () => {
        state.quit++;
      },
      getPath: (name: string) => (name === 'userData' ? state.userData : `/home/u/${name}`),
      setPath: (name: string, value: string) => {
        state.calls.push(`setPath:${name}`);
        if (name === 'userData') state.userData = value;
      },
      setAppUserModelId: () => {},
      get isPackaged() {
        return state.isPackaged;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        state.calls.push('registerSchemesAsPrivileged');
        state.schemes = schemes;
      },
      handle: (scheme: string, fn: AnyFn) => state.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: AnyFn) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: AnyFn) => (state.permissionCheck = fn),
      },
    },
    ipcMain: { handle: (channel: string, fn: AnyFn) => state.ipc.set(channel, fn), on: (channel: string, fn: AnyFn) => state.ipcOn.set(channel, fn) },
    dialog: {
      showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]),
      showMessageBoxSync: (_win: unknown, options: Record<string, unknown>) => (state.messageBoxes.push(options), state.messageBoxAnswer),
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    shell: { showItemInFolder: () => {}, openPath: async () => '' },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain).reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
    },
    BrowserWindow: class {
      record: (typeof state.windows)[number];
      constructor(options: Record<string, unknown>) {
        state.calls.push('BrowserWindow');
        this.record = { options, events: new Map() };
        state.windows.push(this.record);
      }
      once(name: string, fn: AnyFn) {
        this.record.events.set(name, fn);
      }
      on(name: string, fn: AnyFn) {
        this.record.events.set(name, fn);
      }
      async loadURL(url: string) {
        this.record.url = url;
      }
      webContents = {
        printToPDF: async (options: unknown) => {
          state.pdfOptions.push(options);
          return Buffer.from('%PDF-1.7 fake');
        },
      };
      show() {}
      destroy() {
        this.record.destroyed = true;
      }
      isMinimized() {
        return false;
      }
      restore() {}
      focus() {}
    },
  };
  const runtime = {
    router: { call: vi.fn(async (method: unknown) => ({ ok: true, value: `ran ${String(method)}` })) },
    close: vi.fn(),
  };
  const startRuntime = vi.fn((_opts: Record<string, unknown>): Promise<typeof runtime> => {
    state.calls.push('startRuntime');
    return Promise.resolve(runtime);
  });
  return { state, electron, runtime, startRuntime };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../electron/runtime', () => ({ startRuntime: fake.startRuntime }));

const { IPC_CHANNEL, UNSAVED_CHANNEL } = await import('#contract/envelope');

let userData: string;

async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
  // let whenReady().then(start) run
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function emitApp(name: string, ...args: unknown[]): void {
  for (const fn of fake.state.appEvents.get(name) ?? []) fn(...args);
}

const ownFrame = { url: 'app://ledger/index.html', processId: 1, routingId: 1 };
const ipcEvent = (senderFrame: unknown, mainFrame: unknown = ownFrame) => ({ senderFrame, sender: { mainFrame } });

beforeEach(() => {
  userData = mkdtempSync(path.join(tmpdir(), 'ledger-main-'));
  Object.assign(fake.state, {
    calls: [],
    lock: true,
    isPackaged: true,
    userData,
    appEvents: new Map(),
    ipc: new Map(),
    ipcOn: new Map(),
    windows: [],
    menu: null,
    permissionRequest: null,
    permissionCheck: null,
    protocolHandlers: new Map(),
    schemes: null,
    errorBoxes: [],
    quit: 0,
    pdfOptions: [],
    messageBoxes: [],
    messageBoxAnswer: 0,
  });
  fake.startRuntime.mockClear();
  fake.runtime.router.call.mockClear();
  fake.runtime.close.mockClear();
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
});

describe('electron/main.ts', () => {
  it('closing the window with unsaved changes asks first: 继续编辑 keeps it open, 放弃修改并关闭 closes; a foreign page cannot set the flag', async () => {
    await startMain();
    const win = fake.state.windows[0]!;
    const close = win.events.get('close')!;
    const unsaved = fake.state.ipcOn.get(UNSAVED_CHANNEL)!;
    const closing = () => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      close(event);
      return event.prevented;
    };
    // nothing typed: closes without a question
    expect(closing()).toBe(false);
    expect(fake.state.messageBoxes).toHaveLength(0);
    // a foreign frame says "dirty": ignored
    unsaved(ipcEvent({ url: 'https://evil.example/', processId: 2, routingId: 2 }), true);
    expect(closing()).toBe(false);
    // the page says dirty; the user keeps editing
    unsaved(ipcEvent(ownFrame), true);
    fake.state.messageBoxAnswer = 0;
    expect(closing()).toBe(true);
    expect(fake.state.messageBoxes[0]).toMatchObject({ message: '有尚未保存的修改', buttons: ['继续编辑', '放弃修改并关闭'], cancelId: 0 });
    // asks again, the user discards: closes
    fake.state.messageBoxAnswer = 1;
    expect(closing()).toBe(false);
    expect(fake.state.messageBoxes).toHaveLength(2);
    // the page saved (clean): no question
    unsaved(ipcEvent(ownFrame), true);
    unsaved(ipcEvent(ownFrame), false);
    expect(closing()).toBe(false);
    expect(fake.state.messageBoxes).toHaveLength(2);
  });

  it('registers the app scheme and the sandbox before ready, and starts opening the database before the window', async () => {
    await startMain();
    const { calls } = fake.state;
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('startRuntime')).toBeLessThan(calls.indexOf('BrowserWindow'));
    expect(fake.state.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.state.protocolHandlers.has('app')).toBe(true);
  });

  it('opens the database in userData, with the file, the platform and the audit key protector, no native binding (one better-sqlite3 binary for Node and Electron)', async () => {
    await startMain();
    const opts = fake.startRuntime.mock.calls[0]?.[0] as Record<string, unknown> & { dbFile: string; platform: { dataDir: string } };
    expect(Object.keys(opts).sort()).toEqual(['auditKeyProtector', 'dbFile', 'platform']);
    expect(opts.dbFile).toBe(path.join(userData, 'ledger.sqlite3'));
    expect(opts.platform.dataDir).toBe(userData);
  });

  it('导出 PDF prints the app window with the options the report service gives (A4 from @page, its footer)', async () => {
    await startMain();
    const opts = fake.startRuntime.mock.calls[0]?.[0] as { platform: Required<PlatformAdapter> };
    const options = pdfPrintOptions('审计记录共 3 条');
    const pdf = await opts.platform.printToPdf(options);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fake.state.pdfOptions).toEqual([options]);
    expect(options).toMatchObject({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true });
  });

  it('the case file\'s history prints its own page to PDF in a hidden window without script, closed afterwards', async () => {
    await startMain();
    const opts = fake.startRuntime.mock.calls[0]?.[0] as { platform: Required<PlatformAdapter> };
    const options = pdfPrintOptions('审计记录共 3 条');
    const before = fake.state.windows.length;
    const pdf = await opts.platform.printHtmlToPdf('<!doctype html><title>办理过程记录</title><p>已登记</p>', options);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fake.state.windows.length).toBe(before + 1);
    const page = fake.state.windows.at(-1)!;
    expect(page.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
    expect((page.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(Buffer.from(page.url!.replace(/^data:text\/html;charset=utf-8;base64,/, ''), 'base64').toString('utf8')).toContain('<p>已登记</p>');
    expect(fake.state.pdfOptions.at(-1)).toEqual(options);
    expect(page.destroyed).toBe(true);
  });

  it('in development (npm start) keeps its data apart from the installed app: <userData>-dev, set before the single-instance lock', async () => {
    const installed = userData;
    fake.state.isPackaged = false;
    await startMain();
    expect(fake.state.userData).toBe(`${installed}-dev`);
    const { calls } = fake.state;
    expect(calls.indexOf('setPath:userData')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('setPath:userData')).toBeLessThan(calls.indexOf('lock'));
    const opts = fake.startRuntime.mock.calls[0]?.[0] as { dbFile: string; platform: { dataDir: string } };
    expect(opts.dbFile).toBe(path.join(`${installed}-dev`, 'ledger.sqlite3'));
    expect(opts.platform.dataDir).toBe(`${installed}-dev`);
  });

  it('packaged, uses userData as it is', async () => {
    await startMain();
    expect(fake.state.calls).not.toContain('setPath:userData');
    expect(fake.state.userData).toBe(userData);
  });

  it('a module that cannot be loaded (a damaged installation) is an error box and an exit, not a windowless process', async () => {
    vi.doMock('../../electron/runtime', () => {
      throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    try {
      await startMain();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      vi.doMock('../../electron/runtime', () => ({ startRuntime: fake.startRuntime }));
    }
    expect(fake.state.errorBoxes).toHaveLength(1);
    // the loader's own message follows in brackets (here vitest's wrapper of the factory's throw)
    expect(fake.state.errorBoxes[0]?.[1]).toMatch(/^程序文件缺失或损坏，无法启动，请重新安装本软件。\n（.+）$/s);
    expect(fake.state.quit).toBe(1);
    // nothing else was started: no database, no window, no IPC
    expect(fake.startRuntime).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipc.size).toBe(0);
  });

  it('a native binary that cannot be loaded while opening the database is an error box and an exit', async () => {
    fake.startRuntime.mockImplementationOnce(() =>
      Promise.reject(Object.assign(new Error("Cannot find module '/app/node_modules/better-sqlite3/prebuilds/linux-arm64.node'"), { code: 'MODULE_NOT_FOUND' })),
    );
    await startMain();
    expect(fake.state.errorBoxes).toHaveLength(1);
    expect(fake.state.errorBoxes[0]?.[1]).toMatch(/^程序文件缺失或损坏，无法启动，请重新安装本软件。\n（Cannot find module .*linux-arm64\.node'）$/);
    expect(fake.state.quit).toBe(1);
  });

  it('a Linux whose C library is older than the binary needs is told so, not that the installation is damaged', async () => {
    const file = '/opt/法律顾问咨询台账/resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-arm64.node';
    fake.startRuntime.mockImplementationOnce(() =>
      Promise.reject(Object.assign(new Error(`/lib/aarch64-linux-gnu/libc.so.6: version \`GLIBC_2.34' not found (required by ${file})`), { code: 'ERR_DLOPEN_FAILED' })),
    );
    await startMain();
    expect(fake.state.errorBoxes).toHaveLength(1);
    expect(fake.state.errorBoxes[0]?.[1]).toMatch(/^本机操作系统的系统库版本过低（缺少 GLIBC_2\.34），无法加载数据库组件/);
    expect(fake.state.errorBoxes[0]?.[1]).not.toContain('损坏');
    expect(fake.state.quit).toBe(1);
  });

  it('any other failure to start (here: the app scheme cannot be served) is an error box and an exit too', async () => {
    const electron = fake.electron as unknown as { protocol: { handle: AnyFn } };
    const handle = electron.protocol.handle;
    electron.protocol.handle = () => {
      throw new Error('protocol "app" already handled');
    };
    try {
      await startMain();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      electron.protocol.handle = handle;
    }
    expect(fake.state.errorBoxes).toEqual([['法律顾问咨询台账', 'protocol "app" already handled']]);
    expect(fake.state.quit).toBe(1);
  });

  it('loads the app page in a sandboxed, isolated window', async () => {
    await startMain();
    const [win] = fake.state.windows;
    expect(win?.url).toBe('app://ledger/index.html');
    expect(win?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
  });

  it('answers IPC only from its own main frame', async () => {
    await startMain();
    const handler = fake.state.ipc.get(IPC_CHANNEL);
    expect(handler).toBeTypeOf('function');
    expect([...fake.state.ipc.keys()]).toEqual([IPC_CHANNEL]);

    const ok = await handler?.(ipcEvent(ownFrame), 'app.info', { a: 1 });
    expect(ok).toEqual({ ok: true, value: 'ran app.info' });
    expect(fake.runtime.router.call).toHaveBeenCalledWith('app.info', { a: 1 });

    fake.runtime.router.call.mockClear();
    for (const frame of [null, { url: 'https://evil.example/', processId: 1, routingId: 1 }, { url: 'app://ledger/index.html', processId: 1, routingId: 9 }]) {
      const refused = await handler?.(ipcEvent(frame, frame?.routingId === 9 ? ownFrame : frame), 'app.info', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(fake.runtime.router.call).not.toHaveBeenCalled();
  });

  it('turns a router crash into an INTERNAL envelope', async () => {
    await startMain();
    fake.runtime.router.call.mockRejectedValueOnce(new Error('boom at /secret/path'));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = (await fake.state.ipc.get(IPC_CHANNEL)?.(ipcEvent(ownFrame), 'app.info', {})) as { ok: boolean; error: { code: string; message: string } };
    spy.mockRestore();
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(answer.error.message).not.toContain('/secret/path');
  });

  it('denies every permission', async () => {
    await startMain();
    const callback = vi.fn();
    fake.state.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('hardens every web contents: no new windows, no navigation away, no webviews', async () => {
    await startMain();
    const events = new Map<string, AnyFn>();
    let openHandler: AnyFn | null = null;
    const contents = {
      setWindowOpenHandler: (fn: AnyFn) => (openHandler = fn),
      on: (name: string, fn: AnyFn) => events.set(name, fn),
    };
    emitApp('web-contents-created', {}, contents);
    expect((openHandler as AnyFn | null)?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    for (const name of ['will-frame-navigate', 'will-redirect']) {
      const away = { url: 'https://example.com/', preventDefault: vi.fn() };
      events.get(name)?.(away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const home = { url: 'app://ledger/index.html', preventDefault: vi.fn() };
      events.get(name)?.(home);
      expect(home.preventDefault, name).not.toHaveBeenCalled();
    }
    const attach = { preventDefault: vi.fn() };
    events.get('will-attach-webview')?.(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('has a Chinese menu without developer tools when packaged', async () => {
    await startMain();
    const menu = fake.state.menu as { label: string; submenu: { role?: string }[] }[];
    expect(menu.map((m) => m.label.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
  });

  it('opens the window while the database is still being checked; calls wait for it', async () => {
    let ready!: (rt: typeof fake.runtime) => void;
    fake.startRuntime.mockImplementationOnce(() => new Promise((resolve) => (ready = resolve)));
    await startMain();
    expect(fake.state.windows).toHaveLength(1);
    let answer: unknown;
    const pending = Promise.resolve(fake.state.ipc.get(IPC_CHANNEL)?.(ipcEvent(ownFrame), 'app.info', {})).then((a) => (answer = a));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answer).toBeUndefined();
    expect(fake.runtime.router.call).not.toHaveBeenCalled();
    ready(fake.runtime);
    await pending;
    expect(answer).toEqual({ ok: true, value: 'ran app.info' });
  });

  it('a runtime that cannot start shows the recovery screen with the reason, not an error box; other calls are refused (issue 19, finding 8)', async () => {
    fake.startRuntime.mockImplementationOnce(() => Promise.reject(new Error('该台账数据库正被另一个程序使用')));
    await startMain();
    const ipc = fake.state.ipc.get(IPC_CHANNEL)!;
    expect(await ipc(ipcEvent(ownFrame), 'recovery.status', {})).toEqual({
      ok: true,
      value: { damaged: true, problem: '该台账数据库正被另一个程序使用', newestBackup: null },
    });
    expect(fake.state.errorBoxes).toEqual([]);
    expect(fake.state.quit).toBe(0);
    const answer = await ipc(ipcEvent(ownFrame), 'app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('正被另一个程序使用') } });
    expect(fake.runtime.router.call).not.toHaveBeenCalled();
  });

  it("keeps the audit chain's key with safeStorage (passed to the runtime, not used in main.ts)", async () => {
    await startMain();
    const opts = fake.startRuntime.mock.calls[0]?.[0] as { auditKeyProtector?: unknown };
    expect(opts.auditKeyProtector).toBe(fake.electron.safeStorage);
  });

  it('closes the database when the app quits', async () => {
    await startMain();
    emitApp('will-quit');
    expect(fake.runtime.close).toHaveBeenCalledTimes(1);
  });

  it('closes a database that finishes opening after the app began to quit', async () => {
    let ready!: (rt: typeof fake.runtime) => void;
    fake.startRuntime.mockImplementationOnce(() => new Promise((resolve) => (ready = resolve)));
    await startMain();
    emitApp('will-quit');
    expect(fake.runtime.close).not.toHaveBeenCalled();
    ready(fake.runtime);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.runtime.close).toHaveBeenCalledTimes(1);
  });

  it('leaves at once when another instance runs', async () => {
    fake.state.lock = false;
    await startMain();
    expect(fake.state.quit).toBe(1);
    expect(fake.state.calls).not.toContain('whenReady');
    expect(fake.startRuntime).not.toHaveBeenCalled();
  });
});
