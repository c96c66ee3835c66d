/**
 * The method names of the contract as a plain list, for the preload (which must
 * stay tiny and carries no zod). Derived, not kept by hand: the build is given
 * the contract's role table as data (`__METHOD_ROLES__`: electron.vite.config.ts
 * for the preload and the renderer, vitest.config.ts for the tests), whose keys
 * are the method names. test/api/contract.test.ts checks it equals Object.keys(contract).
 */
declare const __METHOD_ROLES__: Record<string, readonly string[]>;

export const METHOD_NAMES: readonly string[] = Object.keys(__METHOD_ROLES__);
