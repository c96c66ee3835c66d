/**
 * After a long job (an export, an import's read, commit or undo) has let go of
 * its data: collect the garbage now, at a moment the process is idle anyway,
 * rather than whenever V8 next needs room. Without it, the next job's peak
 * stacks on this one's garbage: at 100,000 items an XLSX export followed by an
 * import took the main process's peak RSS from about 225 MB to over 300 MB
 * (docs/PERFORMANCE.md). A full collection of that heap takes tens of
 * milliseconds, after a job of seconds.
 *
 * V8 offers the collector only behind --expose-gc; the flag is set once, here,
 * and the function taken from a fresh context (the usual way to reach it in a
 * running process). Where that is refused, this does nothing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (collect = exposed);
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

export function releaseMemoryAfterJob(): void {
  collector()?.();
}
