/**
 * Birga's pages run in the browser and talk to the JSON API; the Node server only sends the shell.
 * The session is known before any page renders, so no page flashes a signed-out state.
 */
import { refreshSession } from '$lib/session/session.svelte';

export const ssr = false;
export const prerender = false;

export async function load() {
  try {
    await refreshSession();
  } catch {
    // The server is unreachable: pages still render and report it when they ask for their data.
  }
  return {};
}
