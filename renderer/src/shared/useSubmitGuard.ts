/**
 * No double submit: one shared guard for every save/submit button. `run` takes
 * the first click and ignores every further one until the answer (success or
 * failure) is in; `busy` disables/spins the button meanwhile. The check is on a
 * ref, synchronously, so two clicks 1 ms apart (before React re-renders) still
 * send one request. The router's idempotency key (issue 18 item 5) is the
 * main process's half of the same promise.
 */
import { useCallback, useRef, useState } from 'react';

export function useSubmitGuard() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
