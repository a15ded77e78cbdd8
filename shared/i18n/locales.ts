/** The interface languages. Uzbek in Latin script is the default; the choice is kept in a cookie. */
export const LOCALES = ['uz-Latn', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'uz-Latn';
export const LOCALE_COOKIE = 'birga_lang';

/** Each language's name written in that language, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  'uz-Latn': 'Oʻzbekcha',
  ru: 'Русский',
  en: 'English',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
