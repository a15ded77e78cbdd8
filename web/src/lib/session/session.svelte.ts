/**
 * Who is signed in, as Svelte state shared by every page. The layout loads it once; sign-in,
 * registration and sign-out refresh it.
 */
import { api, ApiError } from '$lib/api/client';
import type { MeResponse as Me } from '$shared/api/accounts';

class SessionState {
  me = $state<Me | null>(null);
  loaded = $state(false);
}

export const session = new SessionState();

/** Asks the server who this browser is; a 401 simply means nobody. */
export async function refreshSession(): Promise<Me | null> {
  try {
    session.me = await api.get<Me>('/api/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session.me = null;
  } finally {
    session.loaded = true;
  }
  return session.me;
}

export async function signIn(email: string, password: string): Promise<Me | null> {
  await api.post('/api/session', { email, password });
  return refreshSession();
}

/** Ends the session on the server; the caller has already dealt with unsent offline edits. */
export async function endSession(): Promise<void> {
  await api.delete('/api/session');
  session.me = null;
}
