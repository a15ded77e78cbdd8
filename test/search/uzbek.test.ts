import { describe, expect, it } from 'vitest';
import { compareUzbek, foldForSearch, matchesSearch } from '../../shared/search/uzbek';

const fargona = {
  'uz-Latn': 'Fargʻona shahri',
  'uz-Cyrl': 'Фарғона шаҳри',
  ru: 'город Фергана',
  en: 'Fergana City',
};
const toshkent = {
  'uz-Latn': 'Toshkent shahri',
  'uz-Cyrl': 'Тошкент шаҳри',
  ru: 'город Ташкент',
  en: 'Tashkent City',
};
const qoqon = {
  'uz-Latn': 'Qoʻqon shahri',
  'uz-Cyrl': 'Қўқон шаҳри',
  ru: 'город Коканд',
  en: 'Kokand City',
};

describe('Uzbek search', () => {
  const apostrophes = ['ʻ', "'", '‘', '’', 'ʼ', '`', ''];

  it.each(apostrophes)('finds Fargʻona when gʻ is typed with "%s"', (apostrophe) => {
    expect(matchesSearch(fargona, `farg${apostrophe}ona`)).toBe(true);
    expect(matchesSearch(fargona, `FARG${apostrophe}ONA`)).toBe(true);
    expect(matchesSearch(toshkent, `farg${apostrophe}ona`)).toBe(false);
  });

  it.each(apostrophes)('finds Qoʻqon when oʻ is typed with "%s"', (apostrophe) => {
    expect(matchesSearch(qoqon, `Qo${apostrophe}qon`)).toBe(true);
  });

  it('finds a Latin name typed in Cyrillic, in either case', () => {
    expect(matchesSearch(fargona, 'Фарғона')).toBe(true);
    expect(matchesSearch(fargona, 'ФАРҒОНА')).toBe(true);
    expect(matchesSearch({ 'uz-Latn': 'Fargʻona' }, 'фарғона')).toBe(true);
  });

  it('finds a Cyrillic name typed in Latin', () => {
    expect(matchesSearch({ 'uz-Cyrl': 'Тошкент' }, 'Toshkent')).toBe(true);
    expect(matchesSearch({ 'uz-Cyrl': 'Тошкент' }, 'TOSHKENT')).toBe(true);
    expect(matchesSearch({ 'uz-Cyrl': 'Янгиқишлоқ' }, 'yangiqishloq')).toBe(true);
    expect(matchesSearch({ 'uz-Cyrl': 'Сирдарё вилояти' }, 'sirdaryo viloyati')).toBe(true);
  });

  it('folds every spelling of one name to the same text', () => {
    const spellings = [
      'Fargʻona',
      "Farg'ona",
      'Farg‘ona',
      'Farg’ona',
      'FargʼONA',
      'Farg`ona',
      'Фарғона',
    ];
    const folded = new Set(spellings.map(foldForSearch));
    expect([...folded]).toEqual(['fargona']);
  });

  it('needs every word of the query in one name, in any order', () => {
    expect(matchesSearch(toshkent, 'shahri toshkent')).toBe(true);
    expect(matchesSearch(toshkent, 'toshkent viloyati')).toBe(false);
  });

  it('matches everything with an empty query', () => {
    expect(matchesSearch(toshkent, '   ')).toBe(true);
  });
});

describe('Uzbek alphabetical order', () => {
  it('puts the letters in the order of the Uzbek Latin alphabet', () => {
    const letters = [
      'Ng',
      'Ch',
      'Sh',
      'Gʻ',
      'Oʻ',
      'Z',
      'Y',
      'X',
      'V',
      'U',
      'T',
      'S',
      'R',
      'Q',
      'P',
    ];
    const sorted = [
      ...letters,
      'O',
      'N',
      'M',
      'L',
      'K',
      'J',
      'I',
      'H',
      'G',
      'F',
      'E',
      'D',
      'B',
      'A',
    ].sort(compareUzbek);
    expect(sorted).toEqual([
      'A',
      'B',
      'D',
      'E',
      'F',
      'G',
      'H',
      'I',
      'J',
      'K',
      'L',
      'M',
      'N',
      'O',
      'P',
      'Q',
      'R',
      'S',
      'T',
      'U',
      'V',
      'X',
      'Y',
      'Z',
      'Oʻ',
      'Gʻ',
      'Sh',
      'Ch',
      'Ng',
    ]);
  });

  it('sorts names with oʻ, gʻ, sh and ch after the plain letters', () => {
    const names = [
      'Chilonzor',
      'Oʻzbekiston',
      'Shahrixon',
      'Gʻijduvon',
      'Zomin',
      'Olmaliq',
      'Sirdaryo',
    ];
    expect([...names].sort(compareUzbek)).toEqual([
      'Olmaliq',
      'Sirdaryo',
      'Zomin',
      'Oʻzbekiston',
      'Gʻijduvon',
      'Shahrixon',
      'Chilonzor',
    ]);
  });

  it('treats every apostrophe form of oʻ as the same letter', () => {
    const names = ["O'zbekiston", 'Zomin', 'O‘rta', 'Oqtosh'];
    expect([...names].sort(compareUzbek)).toEqual(['Oqtosh', 'Zomin', 'O‘rta', "O'zbekiston"]);
  });

  it('ignores case and keeps a stable order for equal names', () => {
    expect(compareUzbek('toshkent', 'Toshkent')).not.toBe(0);
    expect(compareUzbek('andijon', 'Buxoro')).toBeLessThan(0);
    expect(compareUzbek('Navbahor', 'Navbahor')).toBe(0);
  });

  it('sorts Cyrillic names in the Uzbek Cyrillic order', () => {
    const names = ['Ўрта', 'Қўқон', 'Андижон', 'Ҳамза', 'Юнусобод'];
    expect([...names].sort(compareUzbek)).toEqual([
      'Андижон',
      'Юнусобод',
      'Ўрта',
      'Қўқон',
      'Ҳамза',
    ]);
  });
});
