// Where the Electron build of better-sqlite3 lives in development.
//
// `npm test` runs in plain Node and uses node_modules/better-sqlite3 as npm
// built it (Node's ABI). `npm start` runs Electron, whose ABI differs, so a
// second copy of the native module is built for Electron into .native/ and
// passed to better-sqlite3 through its `nativeBinding` option. The folder name
// carries the Electron version, platform and arch, so upgrading Electron or
// switching machines never picks up a stale binary, and neither build ever
// overwrites the other: both commands keep working in any order.
// Packaged apps do not use this: electron-builder rebuilds better-sqlite3 for
// Electron inside the package (npmRebuild).
import path from 'node:path';

export const NATIVE_DIR_NAME = '.native';
export const NATIVE_FILE_NAME = 'better_sqlite3.node';

/**
 * @param {string} electronVersion e.g. "45.5.0" (process.versions.electron)
 * @param {string} platform e.g. "linux" (process.platform)
 * @param {string} arch e.g. "x64" (process.arch)
 */
export function nativeTargetName(electronVersion, platform, arch) {
  for (const [name, value] of Object.entries({ electronVersion, platform, arch })) {
    // these end up in a folder name: refuse anything that could leave it
    if (typeof value !== 'string' || !/^[A-Za-z0-9._-]+$/.test(value) || /^\.+$/.test(value)) {
      throw new Error(`invalid ${name} for the native module path: ${String(value)}`);
    }
  }
  return `electron-${electronVersion.replace(/^v/, '')}-${platform}-${arch}`;
}

/**
 * Absolute path of the Electron build of better_sqlite3.node.
 * @param {string} projectRoot the app root (app.getAppPath() in development)
 * @param {string} electronVersion
 * @param {string} platform
 * @param {string} arch
 */
export function nativeBindingPath(projectRoot, electronVersion, platform, arch) {
  return path.join(
    path.resolve(projectRoot),
    NATIVE_DIR_NAME,
    nativeTargetName(electronVersion, platform, arch),
    NATIVE_FILE_NAME,
  );
}
