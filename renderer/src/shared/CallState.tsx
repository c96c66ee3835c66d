/**
 * A call that a screen or dialog waits on with its own button (sign in, restore a backup …):
 * `pending` while it runs, and what went wrong as one sentence above the form (`CallFailed`).
 */
import { Alert } from 'antd';
import { useState } from 'react';

export function useCallState() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `work`, true when it went through; what it throws becomes `failed`'s text (null: nothing to say, e.g. the fields show it). */
  const run = async (work: () => Promise<void>, failed: (error: unknown) => string | null): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(failed(e));
      return false;
    } finally {
      setPending(false);
    }
  };
  return { pending, error, run };
}

export function CallFailed({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null;
}
