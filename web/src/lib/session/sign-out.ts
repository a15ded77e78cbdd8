/**
 * Signing out without losing work silently: edits made offline that the server never received are
 * mentioned first, and whatever this person kept in the browser is cleared afterwards, so the next
 * person on a shared computer finds none of it.
 */
import { clearOfflineEdits, hasUnsentEdits } from '$lib/editor/offline';
import { endSession, session } from './session.svelte';

/** Resolves false when the person chose to stay because of unsent edits. */
export async function signOut(confirmLosingEdits: () => Promise<boolean>): Promise<boolean> {
  const userId = session.me?.user.id;
  if (!userId) return true;

  // When the browser cannot tell, assume there is something to lose and ask.
  const unsent = await hasUnsentEdits(userId).catch(() => true);
  if (unsent && !(await confirmLosingEdits())) return false;

  await endSession();
  await clearOfflineEdits(userId);
  return true;
}

/** After the server deleted the account: nothing of it may stay in this browser. */
export async function forgetDeletedAccount(userId: string): Promise<void> {
  session.me = null;
  await clearOfflineEdits(userId);
}
