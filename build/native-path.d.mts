export declare const NATIVE_DIR_NAME: '.native';
export declare const NATIVE_FILE_NAME: 'better_sqlite3.node';
export declare function nativeTargetName(electronVersion: string, platform: string, arch: string): string;
export declare function nativeBindingPath(
  projectRoot: string,
  electronVersion: string,
  platform: string,
  arch: string,
): string;
