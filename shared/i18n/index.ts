/**
 * The interface languages and message catalogs, as the pages and the server use them. Components
 * translate through the reactive helper in web/src/lib/i18n.svelte.ts, which calls translate().
 */
import type { Catalog } from './catalog';
import { format } from './catalog';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_NAMES, isLocale } from './locales';
export type { Locale } from './locales';
export { defineCatalog, format } from './catalog';
export type { Catalog } from './catalog';

export type MessageParams = Record<string, string | number>;

/** How long the browser keeps the language choice. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * One message in one language. An empty translation falls back to Uzbek and then to the key, so
 * a screen never shows a blank label; the catalog tests make sure that never has to happen.
 */
export function translate<Keys extends string>(
  catalog: Catalog<Keys>,
  locale: Locale,
  key: Keys,
  params?: MessageParams,
): string {
  const template = catalog[locale][key] || catalog[DEFAULT_LOCALE][key] || key;
  return format(template, params);
}

/** Reads the remembered language from a Cookie header or document.cookie. */
export function localeFromCookies(cookies: string | null | undefined): Locale {
  for (const part of (cookies ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LOCALE_COOKIE && value && isLocale(decodeURIComponent(value))) {
      return decodeURIComponent(value) as Locale;
    }
  }
  return DEFAULT_LOCALE;
}

/** The document.cookie assignment that remembers a language for a year on the whole site. */
export function localeCookie(locale: Locale): string {
  const value = encodeURIComponent(locale);
  return `${LOCALE_COOKIE}=${value}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
}
