/**
 * Electron fuses are flipped by electron-builder's own @electron/fuses
 * integration (the `electronFuses` block of electron-builder.yml), right after
 * packing and before signing. This pins the policy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
};

describe('electron fuses', () => {
  const fuses = config.electronFuses ?? {};

  it('turn off every way to run the binary as something else than our app', () => {
    // ELECTRON_RUN_AS_NODE would turn the signed exe into a general Node runtime
    expect(fuses.runAsNode).toBe(false);
    // NODE_OPTIONS / NODE_EXTRA_CA_CERTS and --inspect would let anyone inject code
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
  });

  it('load only our own, integrity-checked app.asar', () => {
    expect(fuses.onlyLoadAppFromAsar).toBe(true);
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
  });

  it('encrypt cookies, keep file:// ordinary and the default V8 snapshot', () => {
    expect(fuses.enableCookieEncryption).toBe(true);
    // we serve the UI from app://, so file:// needs no extra privileges
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
    expect(fuses.loadBrowserProcessSpecificV8Snapshot).toBe(false);
  });

  it('sets every fuse explicitly', () => {
    expect(Object.keys(fuses).sort()).toEqual(
      [
        'enableCookieEncryption',
        'enableEmbeddedAsarIntegrityValidation',
        'enableNodeCliInspectArguments',
        'enableNodeOptionsEnvironmentVariable',
        'grantFileProtocolExtraPrivileges',
        'loadBrowserProcessSpecificV8Snapshot',
        'onlyLoadAppFromAsar',
        'runAsNode',
      ].sort(),
    );
  });

  it('are applied by the installed electron-builder (its @electron/fuses is present)', () => {
    const packager = readFileSync(builderRequire.resolve('./out/platformPackager.js'), 'utf8');
    expect(packager).toContain('this.config.electronFuses');
    const fusesPkg = builderRequire('@electron/fuses/package.json') as { version: string };
    expect(fusesPkg.version).toMatch(/^\d+\./);
    const { FuseV1Options } = builderRequire('@electron/fuses') as { FuseV1Options: Record<string, number> };
    for (const option of [
      'RunAsNode',
      'EnableCookieEncryption',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'EnableEmbeddedAsarIntegrityValidation',
      'OnlyLoadAppFromAsar',
      'LoadBrowserProcessSpecificV8Snapshot',
      'GrantFileProtocolExtraPrivileges',
    ]) {
      expect(FuseV1Options[option], option).toBeTypeOf('number');
    }
  });
});
