import { useSyncExternalStore } from 'react';

/**
 * "登录已超时，请重新登录": noted when an answer says the session ended by its idle or absolute
 * timeout, shown on the login page, and forgotten on the next sign-in or sign-out. It lives in memory,
 * so a reload of the login page does not show it again.
 */
let expired = false;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (expired === value) return;
  expired = value;
  for (const listener of listeners) listener();
}

export function noteSessionExpired(): void {
  set(true);
}

export function dismissSessionExpired(): void {
  set(false);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the login page should say that the session timed out. */
export function useSessionExpired(): boolean {
  return useSyncExternalStore(subscribe, () => expired);
}
