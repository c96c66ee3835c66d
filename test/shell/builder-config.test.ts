import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// read the YAML with the very parser electron-builder uses (js-yaml, a
// dependency of app-builder-lib), resolved from app-builder-lib itself
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };

interface TargetEntry {
  target: string;
  arch: string[];
}
type Config = Record<string, unknown> & {
  appId: string;
  productName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  deb: { afterInstall?: string };
  win: { target: TargetEntry[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: TargetEntry[]; category: string; icon: string; executableName: string };
};

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

function targets(list: TargetEntry[]): Map<string, string[]> {
  return new Map(list.map((t) => [t.target, [...t.arch].sort()]));
}

describe('electron-builder.yml', () => {
  it('matches app-builder-lib/scheme.json (draft-07)', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toContain('draft-07');
    // Ajv 8's default class speaks draft-07; the scheme uses a few non-standard annotations
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    // and the check has teeth
    expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'no' } })).toBe(false);
    expect(validate({ ...config, unknownOption: true })).toBe(false);
  });

  it('is accepted by electron-builder itself', async () => {
    const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<unknown>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('cn.gov.counsel-ledger');
    expect(config.productName).toBe('法律顾问咨询台账');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(pkg.productName).toBe(config.productName);
    // the packaged entry point is what electron-vite builds and `files` ships
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('ships the build output and package.json, resources from build/, output to dist/', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(config.directories).toEqual({ buildResources: 'build', output: 'dist' });
  });

  it('rebuilds nothing: better-sqlite3 ships its binaries, unpacked from the asar (test/shell/native-pairing.test.ts)', () => {
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/prebuilds/*.node']);
    expect(config.npmRebuild).toBe(false);
    for (const option of ['buildDependenciesFromSource', 'nodeGypRebuild', 'beforeBuild']) expect(config[option], option).toBeUndefined();
  });

  it("the deb's after-install script is electron-builder's own, except that chrome-sandbox is always root-owned with mode 4755", () => {
    expect(config.deb.afterInstall).toBe('build/deb-after-install.tpl');
    const ours = readFileSync(path.join(root, config.deb.afterInstall!), 'utf8');
    const theirs = readFileSync(path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'templates/linux/after-install.tpl'), 'utf8');
    const sandbox = "'/opt/${sanitizedProductName}/chrome-sandbox'";
    // theirs: 4755 only where root cannot create a user namespace, else 0755
    const conditional = /# Check if user namespaces are supported[^\n]*\nif ! \{[^\n]*\n(?:.*\n){4}fi\n/;
    expect(theirs).toMatch(conditional);
    expect(theirs).toContain(`chmod 0755 ${sandbox}`);
    // ours: unconditional, and nothing else differs
    const block = /# counsel-ledger: [^]*?chmod 4755 [^\n]*\n/.exec(ours)?.[0] ?? '';
    expect(block).toContain(`\nchown root:root ${sandbox}\nchmod 4755 ${sandbox}\n`);
    expect(ours).not.toMatch(/chmod 0?755/);
    expect(ours.replace(block, '')).toBe(theirs.replace(conditional, ''));
    // only the macros electron-builder fills in (an unknown one fails the build: FpmTarget writeConfigFile)
    expect(new Set([...ours.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]))).toEqual(new Set([...theirs.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1])));
  });

  it('builds an assisted NSIS installer for Windows x64, in Chinese', () => {
    expect(targets(config.win.target)).toEqual(new Map([['nsis', ['x64']]]));
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, language: '2052' });
    expect(config.nsis.installerLanguages).toEqual(['zh_CN']);
    // ASCII artifact names survive every download and file server
    for (const name of [config.nsis.artifactName, (config.win as Record<string, unknown>).artifactName]) {
      expect(name).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('builds deb and AppImage for Linux x64 and arm64', () => {
    expect(targets(config.linux.target)).toEqual(
      new Map([
        ['deb', ['arm64', 'x64']],
        ['AppImage', ['arm64', 'x64']],
      ]),
    );
    expect(config.linux.category).toBe('Office');
    expect(config.linux.executableName).toMatch(/^[a-z0-9-]+$/);
  });

  it('points at icons and hooks that exist', () => {
    expect(existsSync(path.join(root, config.linux.icon))).toBe(true);
    expect(existsSync(path.join(root, config.win.icon))).toBe(true);
    for (const hook of ['afterPack', 'afterSign', 'beforeBuild', 'afterAllArtifactBuild']) {
      const file = config[hook];
      if (typeof file === 'string') expect(existsSync(path.join(root, file)), hook).toBe(true);
    }
  });

  it('has a 512x512 PNG icon', () => {
    const png = readFileSync(path.join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16..23
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = readFileSync(path.join(root, 'build/icon.ico'));
    // ICONDIR: reserved 0, type 1 (icon), at least the 256 px image
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
  });
});
