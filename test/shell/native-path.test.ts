import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_HEADERS_URL,
  cleanBuildEnv,
  ensureElectronNativeBinding,
  nodeGypArgs,
  prebuildArgs,
} from '../../build/electron-native.mjs';
import { NATIVE_FILE_NAME, nativeBindingPath, nativeTargetName } from '../../build/native-path.mjs';

describe('native binding path', () => {
  it('is .native/electron-<version>-<platform>-<arch>/better_sqlite3.node under the app root', () => {
    expect(nativeBindingPath('/work/app', '45.5.0', 'linux', 'x64')).toBe(
      path.join('/work/app', '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'),
    );
    expect(nativeTargetName('45.5.0', 'win32', 'arm64')).toBe('electron-45.5.0-win32-arm64');
    expect(NATIVE_FILE_NAME).toBe('better_sqlite3.node');
  });

  it('differs per Electron version, platform and arch, so a stale build is never picked up', () => {
    const a = nativeBindingPath('/r', '45.5.0', 'linux', 'x64');
    expect(new Set([a, nativeBindingPath('/r', '45.5.1', 'linux', 'x64'), nativeBindingPath('/r', '45.5.0', 'linux', 'arm64'), nativeBindingPath('/r', '45.5.0', 'win32', 'x64')]).size).toBe(4);
  });

  it('tolerates a leading v and resolves a relative root', () => {
    expect(nativeTargetName('v45.5.0', 'linux', 'x64')).toBe('electron-45.5.0-linux-x64');
    expect(path.isAbsolute(nativeBindingPath('.', '45.5.0', 'linux', 'x64'))).toBe(true);
  });

  it('refuses values that would leave the folder', () => {
    expect(() => nativeTargetName('../../x', 'linux', 'x64')).toThrow(/electronVersion/);
    expect(() => nativeTargetName('45.5.0', 'linux/..', 'x64')).toThrow(/platform/);
    expect(() => nativeTargetName('45.5.0', 'linux', '..')).toThrow(/arch/);
    expect(() => nativeTargetName('', 'linux', 'x64')).toThrow();
  });
});

describe('build commands', () => {
  it('ask prebuild-install for the Electron runtime at our version and arch', () => {
    expect(prebuildArgs({ electronVersion: '45.5.0', platform: 'linux', arch: 'arm64' })).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=45.5.0', '--arch=arm64', '--platform=linux']),
    );
  });

  it('compile with node-gyp against Electron headers, not Node headers', () => {
    const args = nodeGypArgs({ electronVersion: '45.5.0', arch: 'x64', devdir: '/h/.electron-gyp' });
    expect(args.slice(0, 2)).toEqual(['rebuild', '--release']);
    expect(args).toEqual(expect.arrayContaining(['--target=45.5.0', '--arch=x64', `--dist-url=${ELECTRON_HEADERS_URL}`, '--devdir=/h/.electron-gyp']));
    expect(ELECTRON_HEADERS_URL).toBe('https://electronjs.org/headers');
  });

  it("drop npm's target/runtime/nodedir settings but keep the rest (proxy, cache)", () => {
    const env = cleanBuildEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr/include/node',
      npm_config_target: '20.20.2',
      npm_config_runtime: 'node',
      NPM_CONFIG_DISTURL: 'https://nodejs.org/dist',
      npm_config_build_from_source: 'true',
      npm_config_proxy: 'http://proxy:3128',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_proxy: 'http://proxy:3128', npm_config_cache: '/c' });
  });
});

describe('ensureElectronNativeBinding', () => {
  let root: string;
  let tmpRoot: string;
  const version = '45.5.0';
  const target = () => ({ projectRoot: root, electronVersion: version, platform: 'linux', arch: 'x64', tmpRoot, devdir: '/dev/null/gyp', log: () => {} });
  const tools = { prebuildInstall: '/tools/prebuild-install/bin.js', nodeGyp: '/tools/node-gyp/bin/node-gyp.js' };

  /** a fake tool run: "builds" the module in cwd when `succeeds` says so */
  function fakeRun(succeeds: (tool: string) => boolean, calls: { tool: string; args: string[]; cwd: string }[]) {
    return async (_command: string, args: string[], opts: { cwd: string }) => {
      const [tool = '', ...rest] = args;
      calls.push({ tool, args: rest, cwd: opts.cwd });
      // the Node build must not have been copied into the work folder
      expect(existsSync(path.join(opts.cwd, 'build'))).toBe(false);
      if (!succeeds(tool)) return false;
      mkdirSync(path.join(opts.cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(opts.cwd, 'build', 'Release', 'better_sqlite3.node'), `ELECTRON via ${tool === tools.nodeGyp ? 'node-gyp' : 'prebuild-install'}`);
      return true;
    };
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ledger-native-root-'));
    tmpRoot = mkdtempSync(path.join(tmpdir(), 'ledger-native-tmp-'));
    const pkg = path.join(root, 'node_modules', 'better-sqlite3');
    mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), '{"name":"better-sqlite3","version":"12.6.2"}');
    writeFileSync(path.join(pkg, 'binding.gyp'), '{}');
    // what npm built for Node: must never end up as the Electron build
    writeFileSync(path.join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'NODE');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('uses a prebuilt binary when there is one, and leaves node_modules alone', async () => {
    const calls: { tool: string; args: string[]; cwd: string }[] = [];
    const result = await ensureElectronNativeBinding({ ...target(), tools, run: fakeRun(() => true, calls) });
    expect(result.via).toBe('prebuild-install');
    expect(result.file).toBe(nativeBindingPath(root, version, 'linux', 'x64'));
    expect(readFileSync(result.file, 'utf8')).toBe('ELECTRON via prebuild-install');
    expect(calls.map((c) => c.tool)).toEqual([tools.prebuildInstall]);
    expect(calls[0]?.args).toContain('--runtime=electron');
    expect(calls[0]?.cwd.startsWith(tmpRoot)).toBe(true);
    expect(readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('NODE');
    // the work folder is gone and no partial file is left next to the result
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(readdirSync(path.dirname(result.file))).toEqual(['better_sqlite3.node']);
  });

  it('falls back to node-gyp when no prebuilt binary can be had', async () => {
    const calls: { tool: string; args: string[]; cwd: string }[] = [];
    const result = await ensureElectronNativeBinding({ ...target(), tools, run: fakeRun((t) => t === tools.nodeGyp, calls) });
    expect(result.via).toBe('node-gyp');
    expect(calls.map((c) => c.tool)).toEqual([tools.prebuildInstall, tools.nodeGyp]);
    expect(calls[1]?.args).toEqual(nodeGypArgs({ electronVersion: version, arch: 'x64', devdir: '/dev/null/gyp' }));
    expect(readFileSync(result.file, 'utf8')).toBe('ELECTRON via node-gyp');
  });

  it('does nothing when the build is already there', async () => {
    const file = nativeBindingPath(root, version, 'linux', 'x64');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'EXISTING');
    const calls: { tool: string; args: string[]; cwd: string }[] = [];
    const result = await ensureElectronNativeBinding({ ...target(), tools, run: fakeRun(() => true, calls) });
    expect(result).toEqual({ file, via: 'existing' });
    expect(calls).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('EXISTING');
  });

  it('fails clearly, leaving nothing behind, when both attempts fail', async () => {
    const calls: { tool: string; args: string[]; cwd: string }[] = [];
    await expect(ensureElectronNativeBinding({ ...target(), tools, run: fakeRun(() => false, calls) })).rejects.toThrow(
      /could not build better-sqlite3 for Electron 45\.5\.0/,
    );
    expect(existsSync(path.join(root, '.native'))).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('asks for npm install when better-sqlite3 is missing', async () => {
    rmSync(path.join(root, 'node_modules'), { recursive: true });
    await expect(ensureElectronNativeBinding({ ...target(), tools, run: fakeRun(() => true, []) })).rejects.toThrow(/npm install/);
  });
});
