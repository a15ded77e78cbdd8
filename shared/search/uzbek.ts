/**
 * Uzbek-aware search and sorting for names of territories and people. Uzbek is written in Latin
 * (official) and Cyrillic (still common), and people type the letters oʻ and gʻ with whatever
 * apostrophe their keyboard offers, so a search must see past all three differences.
 */

/** Every mark people type for the ʻ of oʻ/gʻ and the ʼ of the glottal stop. */
const APOSTROPHE_CLASS = '[\u02BB\u02BC\u0027\u2018\u2019\u0060\u00B4\u02B9\u02BD\u2032]';
const APOSTROPHES = new RegExp(APOSTROPHE_CLASS, 'g');
const APOSTROPHE = new RegExp(`^${APOSTROPHE_CLASS}$`);
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const CYRILLIC_VOWELS = new Set([...'аеёиоуэюяўы']);

/** Uzbek Cyrillic to Latin, letter by letter, as the 1995 Latin alphabet writes them. */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: 'ʼ',
  ь: '',
  ы: 'i',
  э: 'e',
  ё: 'yo',
  ю: 'yu',
  я: 'ya',
  ў: 'oʻ',
  қ: 'q',
  ғ: 'gʻ',
  ҳ: 'h',
};

function transliterateCyrillic(lowerCase: string): string {
  let latin = '';
  for (let index = 0; index < lowerCase.length; index += 1) {
    const letter = lowerCase[index]!;
    const previous = lowerCase[index - 1];
    // е is "ye" at the start of a word and after a vowel or a hard sign, "e" elsewhere; ц is "s"
    // unless a vowel comes before it. These are the rules of the official transliteration.
    const afterVowel =
      previous !== undefined && (CYRILLIC_VOWELS.has(previous) || previous === 'ъ');
    const wordStart = previous === undefined || !/\p{L}/u.test(previous);
    if (letter === 'е') latin += wordStart || afterVowel ? 'ye' : 'e';
    else if (letter === 'ц') latin += afterVowel ? 'ts' : 's';
    else latin += CYRILLIC_TO_LATIN[letter] ?? letter;
  }
  return latin;
}

/**
 * The form in which two spellings of one name become equal: lower case, Latin script, no
 * apostrophes and no accents (ğ and ŏ, which some keyboards produce for gʻ and oʻ, become g and o),
 * single spaces.
 */
export function foldForSearch(text: string): string {
  const latin = transliterateCyrillic(text.normalize('NFC').toLowerCase());
  return latin
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether any of a territory's names (in any language or script) holds every word of the query.
 * An empty query matches everything.
 */
export function matchesSearch(
  names: Readonly<Record<string, string | undefined>> | readonly string[],
  query: string,
): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const values = Array.isArray(names) ? names : Object.values(names);
  return values.some((name) => {
    if (typeof name !== 'string') return false;
    const folded = foldForSearch(name);
    return words.every((word) => folded.includes(word));
  });
}

const LATIN_ALPHABET = [
  'a',
  'b',
  'd',
  'e',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
  'z',
  'oʻ',
  'gʻ',
  'sh',
  'ch',
  'ng',
];
const CYRILLIC_ALPHABET = [...'абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ'];

const LETTER_RANK = new Map<string, number>([
  ...LATIN_ALPHABET.map((letter, index): [string, number] => [letter, 100 + index]),
  ...CYRILLIC_ALPHABET.map((letter, index): [string, number] => [letter, 200 + index]),
]);
const DIGRAPH_SECONDS: Record<string, string> = { s: 'h', c: 'h', n: 'g' };

/** The weights of a string's letters in Uzbek order: oʻ, gʻ, sh, ch and ng count as one letter. */
function collationWeights(text: string): number[] {
  const lower = text.normalize('NFC').toLowerCase();
  const weights: number[] = [];
  let index = 0;
  while (index < lower.length) {
    const letter = lower[index]!;
    const next = lower[index + 1] ?? '';
    if ((letter === 'o' || letter === 'g') && APOSTROPHE.test(next)) {
      weights.push(LETTER_RANK.get(`${letter}ʻ`)!);
      index += 2;
      continue;
    }
    if (DIGRAPH_SECONDS[letter] === next) {
      weights.push(LETTER_RANK.get(letter + next)!);
      index += 2;
      continue;
    }
    weights.push(otherWeight(letter));
    index += 1;
  }
  return weights;
}

function otherWeight(character: string): number {
  const rank = LETTER_RANK.get(character);
  if (rank !== undefined) return rank;
  if (/\s/.test(character)) return 0;
  if (/[0-9]/.test(character)) return 10 + Number(character);
  if (/\p{L}/u.test(character)) return 1_000 + character.codePointAt(0)!;
  return 1;
}

/**
 * Compares two names in Uzbek alphabetical order (A B D E … X Y Z Oʻ Gʻ Sh Ch Ng; Cyrillic names in
 * the Uzbek Cyrillic order). Names that differ only in case or apostrophe form still get a stable
 * order, so a sort never depends on the input order.
 */
export function compareUzbek(a: string, b: string): number {
  const left = collationWeights(a);
  const right = collationWeights(b);
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    if (left[index] !== right[index]) return left[index]! < right[index]! ? -1 : 1;
  }
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
