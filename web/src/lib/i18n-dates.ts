/**
 * Dates and numbers as people of each interface language write them, for every page. Russian and
 * English come from Intl; Uzbek is spelled out here, because browsers ship without Uzbek names
 * (Chromium prints "2026 M12 18 17:18" and "42,000,000").
 */
import type { Locale } from '$shared/i18n';

const UZBEK_MONTHS = [
  'yanvar',
  'fevral',
  'mart',
  'aprel',
  'may',
  'iyun',
  'iyul',
  'avgust',
  'sentabr',
  'oktabr',
  'noyabr',
  'dekabr',
] as const;

/** Uzbek and Russian group thousands with a narrow no-break space: 42 000 000. */
const NARROW_NO_BREAK_SPACE = '\u202f';

export interface DateOptions {
  /** An IANA zone such as Asia/Tashkent; the browser's own zone when left out. */
  timeZone?: string;
}

function uzbekDate(date: Date, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const month = UZBEK_MONTHS[Number(part('month')) - 1];
  return `${part('day')}-${month} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/** "18-dekabr 2026, 17:18", "18 декабря 2026 г. в 17:18", "December 18, 2026 at 5:18 PM". */
export function formatDate(iso: string, locale: Locale, options: DateOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale === 'uz-Latn') return uzbekDate(date, options.timeZone);
  return new Intl.DateTimeFormat(locale, {
    timeZone: options.timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/**
 * "42 000 000" in Uzbek and Russian, "42,000,000" in English. Uzbek follows the Russian rules
 * (decimal comma, spaced thousands), which is how Uzbek documents write numbers.
 */
export function formatNumber(
  value: number,
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): string {
  if (locale === 'en') return new Intl.NumberFormat('en', options).format(value);
  return new Intl.NumberFormat('ru', options)
    .formatToParts(value)
    .map((part) => (part.type === 'group' ? NARROW_NO_BREAK_SPACE : part.value))
    .join('');
}
