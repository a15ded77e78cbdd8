/**
 * Message catalogs: one file per feature in ./messages, each giving the same keys in every
 * locale. The Uzbek catalog defines the keys; TypeScript refuses a Russian or English catalog that
 * misses one, so a screen cannot ship half-translated.
 */
import type { Locale } from './locales';

export type Catalog<Keys extends string> = Record<Locale, Record<Keys, string>>;

/** Declares a feature's catalog; the Uzbek entry fixes the keys the others must have. */
export function defineCatalog<Keys extends string>(catalog: {
  'uz-Latn': Record<Keys, string>;
  ru: Record<Keys, string>;
  en: Record<Keys, string>;
}): Catalog<Keys> {
  return catalog;
}

/** Replaces {name} placeholders; a missing parameter is left visible rather than silently blank. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
