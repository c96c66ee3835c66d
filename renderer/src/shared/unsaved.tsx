/**
 * Unsaved-changes guard for every form. A form reports whether it holds typed,
 * unsaved changes (useUnsavedChanges); while any does:
 *  - in-app navigation (sidebar, links, navigate()) and the browser's back and
 *    forward are stopped at the hashchange and asked about first;
 *  - 取消 and the language switch ask through confirmLeave(); leaving by the
 *    language switch redraws the screen (confirmLeaveHere, useDiscardCount), so the form is emptied;
 *  - closing the window: the page's beforeunload (browser), and the main
 *    process asks window.ledger's dirty flag before Electron closes
 *    (electron/main.ts, via setUnsavedChanges on the preload bridge).
 * The idle lock only covers the screen (SessionGate): the form stays as typed.
 */
import { App } from 'antd';
import { useEffect, useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

const dirtyForms = new Set<string>();
type Asker = () => Promise<boolean>;
let asker: Asker | null = null;

function report(): void {
  const bridge = (window as { ledger?: { setUnsavedChanges?(dirty: boolean): void } }).ledger;
  bridge?.setUnsavedChanges?.(dirtyForms.size > 0);
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** Forget every form's changes (after the user chose to leave). */
export function discardUnsavedChanges(): void {
  dirtyForms.clear();
  report();
}

// Left without leaving the screen (the language switch, confirmLeaveHere): the screen is drawn
// afresh, so what the user chose to throw away is gone from the form too, not only from the guard.
let discards = 0;
const discardListeners = new Set<() => void>();
function subscribeDiscards(listener: () => void): () => void {
  discardListeners.add(listener);
  return () => discardListeners.delete(listener);
}

/** A number that changes each time typed changes were thrown away on request; the screen is keyed by it (AppFrame). */
export function useDiscardCount(): number {
  return useSyncExternalStore(subscribeDiscards, () => discards);
}

/** Ask before throwing typed changes away; true when there is nothing to lose or the user agrees. */
export async function confirmLeave(): Promise<boolean> {
  if (dirtyForms.size === 0) return true;
  const ok = asker ? await asker() : window.confirm('');
  if (ok) discardUnsavedChanges();
  return ok;
}

/**
 * confirmLeave for a change that stays on the screen (the language switch): when the user
 * chose to throw typed changes away, the screen is redrawn and its forms start empty.
 */
export async function confirmLeaveHere(): Promise<boolean> {
  if (dirtyForms.size === 0) return true;
  const ok = await confirmLeave();
  if (ok) {
    discards += 1;
    for (const listener of discardListeners) listener();
  }
  return ok;
}

/** Ask about one dialog's changes only (its 取消): true when the user agrees to throw them away. */
export async function confirmDiscard(): Promise<boolean> {
  return asker ? asker() : window.confirm('');
}

/** A form's changes are unsaved while `dirty` is true (and until it unmounts). */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (dirty) dirtyForms.add(id);
    else dirtyForms.delete(id);
    report();
    return () => {
      dirtyForms.delete(id);
      report();
    };
  }, [dirty, id]);
}

// ---- navigation: one hashchange listener, registered before the router's ----
let lastHash = typeof window === 'undefined' ? '' : window.location.hash;
let asking = false;

function onHashChange(event: HashChangeEvent): void {
  const target = window.location.hash;
  if (target === lastHash) return;
  if (dirtyForms.size === 0 || asking) {
    lastHash = target;
    return;
  }
  // stay where we are (the router never sees the change), then ask
  event.stopImmediatePropagation();
  window.history.replaceState(window.history.state, '', lastHash);
  asking = true;
  void confirmLeave().then((leave) => {
    asking = false;
    if (leave) {
      lastHash = target;
      window.history.replaceState(window.history.state, '', target);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  });
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (dirtyForms.size === 0) return;
  event.preventDefault();
  event.returnValue = '';
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('beforeunload', onBeforeUnload);
}

/** Mounted once inside antd's App: gives confirmLeave its dialog in the UI language. */
export function UnsavedChangesHost() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    asker = () =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('entry.unsaved.title'),
          content: t('entry.unsaved.content'),
          okText: t('entry.unsaved.leave'),
          okButtonProps: { danger: true },
          cancelText: t('entry.unsaved.stay'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
    return () => {
      asker = null;
    };
  }, [modal, t]);
  return null;
}
