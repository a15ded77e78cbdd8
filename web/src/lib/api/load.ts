/**
 * Page loads that keep a refusal as a value: the page shows it translated in the current language
 * instead of the generic error page, and can still offer a way forward (sign in, go back). A load
 * that failed for want of a connection runs again by itself when the browser is back online.
 */
import { invalidateAll } from '$app/navigation';
import { isConnectionFailure } from './client';

export type Loaded<T> = { value: T; failure: null } | { value: null; failure: unknown };

let reloadScheduled = false;

function reloadWhenOnline(): void {
  if (reloadScheduled || typeof window === 'undefined') return;
  reloadScheduled = true;
  const reload = () => {
    reloadScheduled = false;
    void invalidateAll();
  };
  window.addEventListener('online', reload, { once: true });
}

export async function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  try {
    return { value: await promise, failure: null };
  } catch (failure) {
    if (isConnectionFailure(failure)) reloadWhenOnline();
    return { value: null, failure };
  }
}
