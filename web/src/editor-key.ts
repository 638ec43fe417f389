/**
 * The editor's API key, kept for this browser tab's session only (sessionStorage): closing the
 * tab forgets it, and it is never written anywhere else. Sent on mutations only.
 */
import { useSyncExternalStore } from 'react';

const storageKey = 'stancegraph.editorKey';
const listeners = new Set<() => void>();

export function setEditorKey(key: string): void {
  if (key) sessionStorage.setItem(storageKey, key);
  else sessionStorage.removeItem(storageKey);
  for (const listener of listeners) listener();
}

export function useEditorKey(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => sessionStorage.getItem(storageKey),
  );
}
