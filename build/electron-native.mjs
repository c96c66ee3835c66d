#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into
//   .native/electron-<version>-<platform>-<arch>/better_sqlite3.node
// (see native-path.mjs for why). Run by `npm start` before Electron starts;
// it does nothing when that file already exists.
//
// How: copy node_modules/better-sqlite3 (without its Node build) to a temp
// folder, and there try a prebuilt Electron binary (prebuild-install), else
// compile against Electron's headers (node-gyp). node_modules is never touched,
// so `npm test` keeps using Node's build. Needs internet the first time for
// each Electron version (GitHub for prebuilds, electronjs.org for headers).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nativeBindingPath } from './native-path.mjs';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * npm passes its config to scripts as npm_config_* variables. Those that pick
 * the runtime, target or headers (npm's nodedir points at Node's headers) would
 * silently turn the Electron build back into a Node build, so drop them.
 * @param {NodeJS.ProcessEnv} env
 */
export function cleanBuildEnv(env) {
  const drop = new Set([
    'runtime',
    'target',
    'target_arch',
    'arch',
    'target_platform',
    'platform',
    'nodedir',
    'disturl',
    'dist_url',
    'devdir',
    'build_from_source',
  ]);
  /** @type {NodeJS.ProcessEnv} */
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(key);
    if (m && drop.has(m[1].toLowerCase().replace(/-/g, '_'))) continue;
    out[key] = value;
  }
  return out;
}

/** Argument lists of the two attempts, pure so a test can pin them. */
export function prebuildArgs({ electronVersion, platform, arch }) {
  return ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`, '--verbose'];
}
export function nodeGypArgs({ electronVersion, arch, devdir }) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    // Electron's headers kept apart from Node's header cache
    `--devdir=${devdir}`,
  ];
}

/** Runs a command, inheriting stdio; resolves true on exit code 0. */
function runCommand(command, args, { cwd, env }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * The tools, resolved as the better-sqlite3 install script would find them:
 * prebuild-install is better-sqlite3's own dependency; node-gyp comes from the
 * project, else from the npm running this script (npm bundles node-gyp).
 * @param {string} packageDir node_modules/better-sqlite3
 */
export function resolveTools(packageDir) {
  const fromPackage = createRequire(path.resolve(packageDir, 'package.json'));
  const resolveOrNull = (req, id) => {
    try {
      return req.resolve(id);
    } catch {
      return null;
    }
  };
  const prebuildInstall = resolveOrNull(fromPackage, 'prebuild-install/bin.js');
  let nodeGyp = resolveOrNull(fromPackage, 'node-gyp/bin/node-gyp.js');
  if (!nodeGyp && process.env.npm_execpath) {
    const fromNpm = createRequire(process.env.npm_execpath);
    nodeGyp = resolveOrNull(fromNpm, 'node-gyp/bin/node-gyp.js');
  }
  return { prebuildInstall, nodeGyp };
}

/**
 * Makes sure the Electron build of better_sqlite3.node exists.
 * @param {{
 *   projectRoot: string, electronVersion: string, platform: string, arch: string,
 *   run?: (command: string, args: string[], opts: { cwd: string, env: NodeJS.ProcessEnv }) => Promise<boolean>,
 *   tools?: { prebuildInstall: string | null, nodeGyp: string | null },
 *   tmpRoot?: string, devdir?: string, env?: NodeJS.ProcessEnv, log?: (message: string) => void,
 * }} options
 * @returns {Promise<{ file: string, via: 'existing' | 'prebuild-install' | 'node-gyp' }>}
 */
export async function ensureElectronNativeBinding(options) {
  const { projectRoot, electronVersion, platform, arch } = options;
  const run = options.run ?? runCommand;
  const log = options.log ?? ((m) => console.log(m));
  const file = nativeBindingPath(projectRoot, electronVersion, platform, arch);
  if (fs.existsSync(file)) {
    log(`[native] Electron build of better-sqlite3 present: ${path.relative(projectRoot, file)}`);
    return { file, via: 'existing' };
  }

  const packageDir = path.join(projectRoot, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    throw new Error(`[native] ${packageDir} is missing: run npm install first.`);
  }
  const tools = options.tools ?? resolveTools(packageDir);
  const env = cleanBuildEnv(options.env ?? process.env);
  const devdir = options.devdir ?? path.join(os.homedir(), '.electron-gyp');
  const target = { electronVersion, platform, arch, devdir };

  log(`[native] building better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) ...`);
  const work = fs.mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'counsel-ledger-native-'));
  try {
    const workPackage = path.join(work, 'better-sqlite3');
    // leave out Node's build/ so a failed attempt can never hand back Node's binary
    fs.cpSync(packageDir, workPackage, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(packageDir, src);
        return rel !== 'build' && !rel.startsWith(`build${path.sep}`);
      },
    });
    const built = path.join(workPackage, 'build', 'Release', 'better_sqlite3.node');

    /** @type {'prebuild-install' | 'node-gyp' | null} */
    let via = null;
    if (tools.prebuildInstall) {
      log('[native] trying a prebuilt binary (prebuild-install) ...');
      const ok = await run(process.execPath, [tools.prebuildInstall, ...prebuildArgs(target)], { cwd: workPackage, env });
      if (ok && fs.existsSync(built)) via = 'prebuild-install';
    }
    if (!via) {
      if (!tools.nodeGyp) {
        throw new Error('[native] no prebuilt binary and node-gyp was not found: install node-gyp or run via npm.');
      }
      log('[native] no prebuilt binary; compiling against Electron headers (node-gyp) ...');
      const ok = await run(process.execPath, [tools.nodeGyp, ...nodeGypArgs(target)], { cwd: workPackage, env });
      if (ok && fs.existsSync(built)) via = 'node-gyp';
    }
    if (!via) {
      throw new Error(
        `[native] could not build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}). ` +
          'Both a prebuilt download (github.com) and a compile against Electron headers ' +
          `(${ELECTRON_HEADERS_URL}, needs python3 and a C++ compiler) failed; see the output above.`,
      );
    }

    // temp name + rename: a half-copied file never sits at the final path,
    // where the skip-if-present check above would trust it
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, file);
    log(`[native] done (${via}): ${path.relative(projectRoot, file)}`);
    return { file, via };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function installedElectronVersion(projectRoot) {
  const pkg = path.join(projectRoot, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(pkg)) throw new Error('[native] node_modules/electron is missing: run npm install first.');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

async function main() {
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const archArg = process.argv.find((a) => a.startsWith('--arch='));
  try {
    await ensureElectronNativeBinding({
      projectRoot,
      electronVersion: installedElectronVersion(projectRoot),
      platform: process.platform,
      arch: archArg ? archArg.slice('--arch='.length) : process.arch,
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
