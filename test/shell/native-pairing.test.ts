/**
 * One SQLite binary for Node and Electron, compiled nowhere: the pairing this
 * rests on, pinned.
 *
 * better-sqlite3 13 is a Node-API module and carries its binaries in the npm
 * package (prebuilds/<platform>-<arch>.node, no install script). A Node-API
 * binary does not depend on the runtime's ABI, so the very file `npm test`
 * loads under Node is the one Electron loads in the app, in development and
 * packaged; electron-builder rebuilds nothing (npmRebuild: false) and each
 * package takes the binary of its own target from the package. This test
 * fails when that stops being true: another Electron or better-sqlite3 major,
 * a target without its binary, a binary for the wrong machine, a binary that
 * is ABI-bound, a dependency that compiles on install, or a packaging rule that
 * drops the binaries.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const semver = builderRequire('semver') as { satisfies(version: string, range: string): boolean; major(version: string): number };
const { Minimatch } = builderRequire('minimatch') as { Minimatch: new (pattern: string, options: { dot: boolean }) => { match(p: string): boolean } };

/** Checked together: Electron 45 runs Node-API 10 modules (its Node is 24.x); better-sqlite3 13 ships them. Change both deliberately. */
const ELECTRON_MAJOR = 45;
const BETTER_SQLITE3_MAJOR = 13;
/**
 * The newest C and C++ runtime versions better-sqlite3's Linux binaries ask
 * of the system: glibc 2.34 and the libstdc++ of GCC 11. Older systems (glibc
 * 2.28–2.31: Debian 10/11, Ubuntu 20.04, and the UOS 20 / Kylin V10 releases
 * built on them) cannot load them; README ("Run the app") says so, and main.ts
 * names the missing version. A change here changes who can run the app.
 */
const LINUX_FLOOR = { GLIBC: '2.34', GLIBCXX: '3.4.29' };

type Json = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;
const pkg = readJson(path.join(root, 'package.json')) as Json & {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = readJson(path.join(root, 'package-lock.json')) as { packages: Record<string, { version?: string; hasInstallScript?: boolean; dev?: boolean; gypfile?: boolean }> };
interface TargetEntry {
  target: string;
  arch: string[];
}
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Json & {
  files: string[];
  asarUnpack: string[];
  win: { target: TargetEntry[] };
  linux: { target: TargetEntry[] };
};
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqlitePkg = readJson(path.join(sqliteDir, 'package.json')) as Json & { version: string; engines: { node: string }; scripts?: Record<string, string> };

/** Every (platform, arch) electron-builder.yml packages for, as process.platform/process.arch name them. */
function packagedTargets(): string[] {
  const out = new Set<string>();
  for (const [platform, list] of [['win32', config.win.target], ['linux', config.linux.target]] as const) {
    for (const t of list) for (const arch of t.arch) out.add(`${platform}-${arch}`);
  }
  return [...out].sort();
}

/** The machine a binary is built for, read from its own header (ELF e_machine, PE COFF Machine). */
function machineOf(file: string): string {
  const b = readFileSync(file);
  if (b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 1 ? b.readUInt16LE(18) : b.readUInt16BE(18);
    const os = 'linux'; // no FreeBSD/Solaris prebuilds in this package
    if (b[4] !== 2) return `${os}-32bit`;
    return `${os}-${({ 0x3e: 'x64', 0xb7: 'arm64' } as Record<number, string>)[machine] ?? `machine-0x${machine.toString(16)}`}`;
  }
  if (b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    expect(b.toString('latin1', pe, pe + 4)).toBe('PE\0\0');
    const machine = b.readUInt16LE(pe + 4);
    return `win32-${({ 0x8664: 'x64', 0xaa64: 'arm64' } as Record<number, string>)[machine] ?? `machine-0x${machine.toString(16)}`}`;
  }
  return 'unknown';
}

/** The DLLs a PE32+ binary imports, from its import directory. */
function peImports(file: string): string[] {
  const b = readFileSync(file);
  const pe = b.readUInt32LE(0x3c);
  const sections = b.readUInt16LE(pe + 6);
  const optional = pe + 24;
  expect(b.readUInt16LE(optional)).toBe(0x20b); // PE32+
  const table = optional + b.readUInt16LE(pe + 20);
  const offsetOf = (rva: number) => {
    for (let i = 0; i < sections; i++) {
      const s = table + i * 40;
      const va = b.readUInt32LE(s + 12);
      if (rva >= va && rva < va + Math.max(b.readUInt32LE(s + 8), b.readUInt32LE(s + 16))) return rva - va + b.readUInt32LE(s + 20);
    }
    throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
  };
  const names: string[] = [];
  // data directory 1 (imports) of a PE32+ optional header
  for (let d = offsetOf(b.readUInt32LE(optional + 112 + 8)); b.readUInt32LE(d + 12) !== 0; d += 20) {
    const at = offsetOf(b.readUInt32LE(d + 12));
    names.push(b.toString('latin1', at, b.indexOf(0, at)));
  }
  return names;
}

describe('the Electron / better-sqlite3 pairing', () => {
  it(`Electron ${ELECTRON_MAJOR} in the lockfile, as installed`, () => {
    const locked = lock.packages['node_modules/electron']?.version ?? '';
    expect(pkg.devDependencies.electron).toBe(locked);
    expect(semver.major(locked)).toBe(ELECTRON_MAJOR);
    expect(readJson(path.join(path.dirname(require.resolve('electron/package.json')), 'package.json')).version).toBe(locked);
  });

  it(`better-sqlite3 ${BETTER_SQLITE3_MAJOR} in the lockfile, as installed, built on Node-API`, () => {
    const locked = lock.packages['node_modules/better-sqlite3']?.version ?? '';
    expect(pkg.dependencies['better-sqlite3']).toBe(locked);
    expect(semver.major(locked)).toBe(BETTER_SQLITE3_MAJOR);
    expect(sqlitePkg.version).toBe(locked);
    // compiled (by its publisher) against Node-API, whose binaries run on every runtime that has that Node-API version
    expect(readFileSync(path.join(sqliteDir, 'binding.gyp'), 'utf8')).toMatch(/'NAPI_VERSION=\d+'/);
  });

  it('electron-builder.yml packages for Windows x64 and Linux x64 and arm64', () => {
    expect(packagedTargets()).toEqual(['linux-arm64', 'linux-x64', 'win32-x64']);
  });

  it.each(packagedTargets())('a prebuilt binary for %s is in the installed package, built for that machine, Node-API only', (target) => {
    const file = path.join(sqliteDir, 'prebuilds', `${target}.node`);
    expect(existsSync(file), file).toBe(true);
    expect(machineOf(file)).toBe(target);
    const text = readFileSync(file).toString('latin1');
    // a Node-API module registers through napi_register_module_v1 (or the
    // napi_module_register call), never through node_register_module_v<ABI>,
    // which would tie it to one runtime's NODE_MODULE_VERSION
    expect(text).toMatch(/napi_register_module_v1|napi_module_register/);
    expect(text).not.toMatch(/node_register_module_v\d+/);
  });

  it.each(packagedTargets().filter((t) => t.startsWith('linux-')))('%s asks the system for glibc ≤ 2.34 and libstdc++ ≤ GCC 11 (README)', (target) => {
    const text = readFileSync(path.join(sqliteDir, 'prebuilds', `${target}.node`)).toString('latin1');
    const newest = (prefix: string) =>
      [...text.matchAll(new RegExp(`${prefix}_(\\d+(?:\\.\\d+)+)`, 'g'))]
        .map((m) => m[1]!)
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .at(-1);
    expect({ GLIBC: newest('GLIBC'), GLIBCXX: newest('GLIBCXX') }).toEqual(LINUX_FLOOR);
  });

  it('the Windows binary imports nothing but KERNEL32.dll: no Visual C++ runtime to install, and node.exe is not linked by name (it loads in the app\u2019s own exe)', () => {
    expect(peImports(path.join(sqliteDir, 'prebuilds', 'win32-x64.node'))).toEqual(['KERNEL32.dll']);
  });

  it('the binary this test run loads is the prebuilt one (nothing compiled into build/), and it works', () => {
    expect(existsSync(path.join(sqliteDir, 'build'))).toBe(false);
    const { getPrebuildPath } = require(path.join(sqliteDir, 'lib/binding.js')) as { getPrebuildPath(): string | null };
    expect(getPrebuildPath()).toBe(path.join(sqliteDir, 'prebuilds', `${process.platform}-${process.arch}.node`));
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    try {
      expect(db.prepare('SELECT 6 * 7 AS n').get()).toEqual({ n: 42 });
    } finally {
      db.close();
    }
  });

  it('packaging keeps each target binary, unpacked from the asar, and rebuilds nothing', () => {
    expect(config.npmRebuild).toBe(false);
    // electron-builder's own matcher for node_modules files, fed with this config (app-builder-lib out/fileMatcher.js)
    const { getNodeModuleFileMatcher } = builderRequire('./out/fileMatcher.js') as {
      getNodeModuleFileMatcher(
        appDir: string,
        destination: string,
        macroExpander: (s: string) => string,
        platformOptions: Json,
        packager: { config: Json; debugLogger: { isEnabled: boolean } },
      ): { createFilter(): (file: string, stat: { isDirectory(): boolean; moduleFullFilePath: string }) => boolean };
    };
    const filter = getNodeModuleFileMatcher(root, '/app', (s) => s, {}, { config, debugLogger: { isEnabled: false } }).createFilter();
    const kept = (rel: string) => filter(path.join(root, rel), { isDirectory: () => false, moduleFullFilePath: rel });
    for (const target of packagedTargets()) {
      const rel = `node_modules/better-sqlite3/prebuilds/${target}.node`;
      expect(kept(rel), rel).toBe(true);
      expect(config.asarUnpack.some((p) => new Minimatch(p, { dot: true }).match(rel)), rel).toBe(true);
    }
    expect(kept('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    // SQLite's sources are not shipped
    expect(kept('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(kept('node_modules/better-sqlite3/src/better_sqlite3.cpp')).toBe(false);
  });
});

describe('npm install compiles nothing', () => {
  it('better-sqlite3 has no install script and tells npm not to run node-gyp (gypfile: false), in the lockfile too', () => {
    for (const script of ['preinstall', 'install', 'postinstall']) expect(sqlitePkg.scripts?.[script], script).toBeUndefined();
    expect(sqlitePkg.gypfile).toBe(false);
    expect(lock.packages['node_modules/better-sqlite3']?.hasInstallScript).toBeUndefined();
    expect(readdirSync(path.join(sqliteDir, 'prebuilds')).length).toBeGreaterThanOrEqual(3);
  });

  it('no package with a binding.gyp gets npm\u2019s implicit `node-gyp rebuild` on a fresh install (npm reads gypfile from the lockfile: npm run lock:no-gyp)', () => {
    const gyp = Object.entries(lock.packages).filter(([key]) => key.startsWith('node_modules/') && existsSync(path.join(root, key, 'binding.gyp')));
    expect(gyp.map(([key]) => key)).toContain('node_modules/better-sqlite3');
    for (const [key, entry] of gyp) {
      expect(entry.gypfile, `${key}: package-lock.json lost "gypfile": false (npm drops it when it rewrites the lockfile): run npm run lock:no-gyp`).toBe(false);
      expect(entry.hasInstallScript, key).toBeUndefined();
    }
  });

  it('the only install scripts in the lockfile are the reviewed ones, none of which compiles', () => {
    // npm marks both install scripts and an implicit `node-gyp rebuild` (a binding.gyp) as hasInstallScript
    const reviewed: Record<string, string> = {
      // checks that the platform's prebuilt esbuild binary package was installed
      esbuild: 'install.js',
      // picks the bundled 7-Zip for the arch (electron-builder's Squirrel support)
      'electron-winstaller': 'select-7z-arch.js',
      // the Node 22 runtime for npm scripts: installs the prebuilt node-<platform>-<arch> package from npm
      node: 'installArchSpecificPackage',
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) {
      expect(Object.keys(reviewed), `${name} runs a script on npm install: review it, then list it here`).toContain(name);
      const scripts = (readJson(path.join(path.dirname(require.resolve(`${name}/package.json`)), 'package.json')).scripts ?? {}) as Record<string, string>;
      const run = [scripts.preinstall, scripts.install, scripts.postinstall].filter(Boolean).join(' ');
      expect(run, name).toContain(reviewed[name]);
      expect(run, name).not.toMatch(/gyp|cmake|make\b|cc\b/);
    }
  });
});

describe('Node 22 for everything that runs on Node', () => {
  it('engines: Node ≥ 22.12, which Electron and better-sqlite3 ask for too', () => {
    expect(pkg.engines.node).toBe('>=22.12');
    expect(semver.satisfies('22.12.0', sqlitePkg.engines.node)).toBe(true);
    const electronEngines = (readJson(require.resolve('electron/package.json')).engines as { node: string }).node;
    expect(semver.satisfies('22.12.0', electronEngines)).toBe(true);
    expect(semver.satisfies('22.11.0', electronEngines)).toBe(false);
  });

  it('the node devDependency (node_modules/.bin/node, first on npm scripts\u2019 PATH) is a pinned Node 22 that meets them', () => {
    const pinned = pkg.devDependencies.node ?? '';
    expect(pinned).toMatch(/^22\.\d+\.\d+$/);
    expect(lock.packages['node_modules/node']?.version).toBe(pinned);
    for (const range of [pkg.engines.node, sqlitePkg.engines.node]) expect(semver.satisfies(pinned, range), range).toBe(true);
  });

  it('this test run is on that Node', () => {
    console.log(`[node] tests run on Node ${process.version} (${process.execPath})`);
    expect(process.version).toBe(`v${pkg.devDependencies.node}`);
  });
});
