/**
 * Content written per language (skill titles, goals, Markdown sections) in the reader's language,
 * or else in the strategy's main language, or in whatever language it exists; the language it is
 * shown in goes on the element's lang attribute so screen readers pronounce it right.
 */
import type { Locale } from '$shared/i18n';

export interface ShownText {
  text: string;
  lang: string;
}

export function pickText(
  texts: Partial<Record<string, string>> | undefined,
  locale: Locale,
  mainLanguage = 'uz-Latn',
): ShownText {
  if (!texts) return { text: '', lang: locale };
  for (const lang of [locale, mainLanguage, 'uz-Latn', ...Object.keys(texts)]) {
    const text = texts[lang];
    if (text && text.trim() !== '') return { text, lang };
  }
  return { text: '', lang: locale };
}
