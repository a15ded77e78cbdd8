/**
 * The pages render in the browser, but the shell the server sends already carries the remembered
 * language in <html lang>, so assistive technology reads the very first paint correctly.
 */
import type { Handle } from '@sveltejs/kit';
import { localeFromCookies } from '$shared/i18n';

export const handle: Handle = ({ event, resolve }) => {
  const locale = localeFromCookies(event.request.headers.get('cookie'));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%birga.lang%', locale),
  });
};
