/**
 * Moments and numbers of a consultation as its readers write them. Moments follow the
 * territory's clock whatever zone the browser is in: a resident in Tashkent and a coordinator
 * travelling abroad read the same closing time.
 */
import { localDateTime } from '$shared/consultation/time-zone';
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
];

export function formatMoment(instant: string, timeZone: string, locale: Locale): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  // Browsers ship without Uzbek date names (Chromium prints "2026 M12 4"), so Uzbek is spelled
  // out here: "4-dekabr, 2026, 22:25".
  if (locale === 'uz-Latn') {
    const [day, time] = localDateTime(date.getTime(), timeZone).split('T') as [string, string];
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    return `${dayOfMonth}-${UZBEK_MONTHS[month - 1]}, ${year}, ${time}`;
  }
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** "GMT+5" for Asia/Tashkent, so a reader knows which clock the moments follow. */
export function zoneLabel(timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName');
  return parts ? `${timeZone} (${parts.value})` : timeZone;
}

/**
 * Uzbek writes numbers as Russian does (18 000 000; 92,9 %), and browsers without Uzbek data
 * would fall back to English commas, so Uzbek numbers borrow the Russian rules.
 */
export function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(locale === 'uz-Latn' ? 'ru' : locale, options);
}
