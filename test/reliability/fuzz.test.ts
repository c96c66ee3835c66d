/**
 * Every contract method fuzzed with arbitrary input (fast-check, 10,000 runs each):
 * the router always answers with an envelope, never INTERNAL, and a refused call
 * writes nothing. A compromised page can send anything; this is what it gets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '#contract/contract';
import { createRouter } from '#contract/router';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { seedBasics, tempDir, testApp } from '../helpers/ledger';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** A limit, not a measurement: V8 coverage (npm run coverage sets COVERAGE=1) makes each call several times slower. */
const LIMIT_MS = process.env.COVERAGE ? 900_000 : 300_000;

/** Values shaped a little like real input, so validation is exercised past the first key. */
const fieldValue = fc.oneof(
  fc.anything(),
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom('2025-03-01', '2025-02-30', '', '法咨〔2025〕1号', 'x'.repeat(300), '__proto__', 'approve', 'notAdopted'),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
);
const KEYS = ['id', 'version', 'title', 'name', 'nameZh', 'year', 'text', 'reason', 'counselId', 'categoryId', 'departmentId',
  'receivedOn', 'dueOn', 'itemCount', 'conclusion', 'outcome', 'issuedOn', 'outcomeOn', 'page', 'pageSize', 'ids', 'key',
  'format', 'from', 'to', 'password', 'token', 'keyFileText', 'confirmFingerprint', 'itemIds', 'commit', 'resolutions', 'confirmWorkSecret',
  '__proto__', 'constructor', 'extra'];
const input = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.constantFrom(...KEYS), fieldValue, { maxKeys: 6 }),
  fc.object({ maxDepth: 2 }),
);

describe('fuzzing the contract', () => {
  const methods = Object.keys(contract);
  for (const method of methods) {
    it(`${method}: ${RUNS} arbitrary inputs, no uncaught error, no write on a refused call`, async () => {
      const app = testApp();
      await seedBasics(app);
      const backupDir = tempDir();
      // the office's own account, or for a method none of its roles may call (签发: the leader's) one with that method's
      // roles, so that the input is what is refused, not the caller (a refused caller is audited as refused)
      const roles = contract[method as keyof typeof contract].roles;
      const caller = roles.some((r) => LOCAL_ADMIN.roles.includes(r)) ? LOCAL_ADMIN : { ...LOCAL_ADMIN, roles: [...roles] };
      const router = createRouter({
        ledger: app.ledger,
        caller: () => caller,
        onInternalError: (error) => {
          throw new Error(`INTERNAL on ${method}: ${String(error)}`);
        },
        host: {
          platform: { dataDir: backupDir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], chooseFolder: async () => null, revealFile: async () => {}, openFile: async () => {} },
          dbFile: app.ledger.file,
          defaultBackupDir: backupDir,
          restoreFrom: () => {
            throw new Error('restore must not be reached by fuzzing');
          },
        },
      });
      const changes = () => app.ledger.sqlite.prepare('SELECT total_changes()').pluck().get() as number;
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = changes();
          const r = await router.call(method, value);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(r.error.code).not.toBe('INTERNAL');
            expect(typeof r.error.message).toBe('string');
            expect(changes()).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, seed: 4242 },
      );
      expect(app.ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }, LIMIT_MS);
  }
});
