/**
 * The page's current language as Svelte 5 state. Reading i18n.locale (directly or through t() or
 * a translator) inside a component's markup makes that markup follow a language switch.
 *
 *   const m = translator(accountMessages);
 *   <h1>{m('signIn.title')}</h1>
 */
import {
  localeCookie,
  localeFromCookies,
  translate,
  type Catalog,
  type Locale,
  type MessageParams,
} from '$shared/i18n';

function initialLocale(): Locale {
  return typeof document === 'undefined' ? 'uz-Latn' : localeFromCookies(document.cookie);
}

class LocaleState {
  locale = $state<Locale>(initialLocale());
}

export const i18n = new LocaleState();

/** Switches the language, remembers it in the birga_lang cookie and updates <html lang>. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document === 'undefined') return;
  document.cookie = localeCookie(locale);
  document.documentElement.lang = locale;
}

/** One message in the current language. */
export function t<Keys extends string>(
  catalog: Catalog<Keys>,
  key: Keys,
  params?: MessageParams,
): string {
  return translate(catalog, i18n.locale, key, params);
}

/** A short per-catalog function: const m = translator(territoryMessages); m('title'). */
export function translator<Keys extends string>(catalog: Catalog<Keys>) {
  return (key: Keys, params?: MessageParams): string => t(catalog, key, params);
}
