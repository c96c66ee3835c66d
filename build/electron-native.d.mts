export declare const ELECTRON_HEADERS_URL: string;
export declare function cleanBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function prebuildArgs(t: { electronVersion: string; platform: string; arch: string }): string[];
export declare function nodeGypArgs(t: { electronVersion: string; arch: string; devdir: string }): string[];
export declare function resolveTools(packageDir: string): { prebuildInstall: string | null; nodeGyp: string | null };
export declare function ensureElectronNativeBinding(options: {
  projectRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
  run?: (command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<boolean>;
  tools?: { prebuildInstall: string | null; nodeGyp: string | null };
  tmpRoot?: string;
  devdir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}): Promise<{ file: string; via: 'existing' | 'prebuild-install' | 'node-gyp' }>;
