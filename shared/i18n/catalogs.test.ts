import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog } from './catalog';
import { translate } from './index';
import { LOCALES } from './locales';

const messagesFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'messages');

// Every catalog file is checked, including ones added later, so none can slip past these rules.
const catalogs: Array<[string, Catalog<string>]> = [];
for (const file of fs.readdirSync(messagesFolder).filter((name) => name.endsWith('.ts'))) {
  const module = (await import(pathToFileURL(path.join(messagesFolder, file)).href)) as Record<
    string,
    unknown
  >;
  for (const [name, value] of Object.entries(module)) {
    if (name.endsWith('Messages')) catalogs.push([`${file}:${name}`, value as Catalog<string>]);
  }
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('message catalogs', () => {
  it('finds the catalogs', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(catalogs)('%s', (_name, catalog) => {
    const uzbekKeys = Object.keys(catalog['uz-Latn']).sort();

    it('has the same keys in every language', () => {
      for (const locale of LOCALES) expect(Object.keys(catalog[locale]).sort()).toEqual(uzbekKeys);
    });

    it('has no empty message', () => {
      for (const locale of LOCALES) {
        for (const [key, text] of Object.entries(catalog[locale])) {
          expect(text.trim(), `${locale} ${key}`).not.toBe('');
        }
      }
    });

    it('uses the same placeholders in every language', () => {
      for (const key of uzbekKeys) {
        const expected = placeholders(catalog['uz-Latn'][key]!);
        for (const locale of LOCALES) {
          expect(placeholders(catalog[locale][key]!), `${locale} ${key}`).toEqual(expected);
        }
      }
    });

    it('renders every message to visible text once its parameters are given', () => {
      for (const locale of LOCALES) {
        for (const key of uzbekKeys) {
          const params = Object.fromEntries(
            placeholders(catalog[locale][key]!).map((p) => [p, 'X']),
          );
          const rendered = translate(catalog, locale, key, params);
          expect(rendered.trim(), `${locale} ${key}`).not.toBe('');
          expect(rendered, `${locale} ${key}`).not.toMatch(/\{\w+\}/);
        }
      }
    });

    it('writes the Uzbek oʻ and gʻ with the modifier letter U+02BB', () => {
      for (const [key, text] of Object.entries(catalog['uz-Latn'])) {
        expect(text, key).not.toMatch(/[oOgG]['‘’`ʼ]/);
      }
    });
  });
});
