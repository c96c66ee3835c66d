/**
 * What the window is answered when the runtime could not start at all (the data
 * folder locked by another program, a folder that cannot be read): the recovery
 * screen with the reason, never a bare error box. Every other call is refused as
 * UNAVAILABLE, which sends the window back to that screen. Data problems (a
 * damaged, foreign or unmigratable database) do not come here: createRuntime
 * answers them in its own recovery mode, with the newest backup offered.
 */
import type { Envelope } from './envelope';
import type { Router } from './router';
import type { RecoveryStatus } from '../domain/types';

export function failedStartRouter(error: unknown): Router {
  const problem = error instanceof Error ? error.message : String(error);
  const status: RecoveryStatus = { damaged: true, problem, newestBackup: null };
  return {
    async call(method): Promise<Envelope<unknown>> {
      if (method === 'recovery.status') return { ok: true, value: status };
      return { ok: false, error: { code: 'UNAVAILABLE', message: `数据库未能打开：${problem}` } };
    },
  };
}
