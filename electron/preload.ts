/**
 * The whole bridge: `window.ledger.call(method, input)` over one IPC channel.
 * No logic and no ipcRenderer on the page. Unknown method names are refused here
 * already, so a compromised page cannot even reach main with them; main checks
 * again (sender, method, input, role), this is only the first fence.
 * Bundled into one CommonJS file: a sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, UNSAVED_CHANNEL, type Envelope } from '#contract/envelope';
import { METHOD_NAMES } from '#contract/methods';

const KNOWN = new Set<string>(METHOD_NAMES);

function call(method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (typeof method !== 'string' || !KNOWN.has(method)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'NOT_FOUND', message: `未知的操作：${typeof method === 'string' ? method.slice(0, 80) : typeof method}` },
    });
  }
  return ipcRenderer.invoke(IPC_CHANNEL, method, input) as Promise<Envelope<unknown>>;
}

/** The page says whether a form holds unsaved changes; main asks before the window closes. Only a boolean crosses. */
function setUnsavedChanges(dirty: unknown): void {
  ipcRenderer.send(UNSAVED_CHANNEL, dirty === true);
}

// a frozen object with two functions: nothing else of the bridge leaks out
contextBridge.exposeInMainWorld('ledger', Object.freeze({ call, setUnsavedChanges }));
