/**
 * Moments and numbers of a consultation as its readers write them, through the pages' one
 * formatting module. Moments follow the territory's clock whatever zone the browser is in: a
 * resident in Tashkent and a coordinator travelling abroad read the same closing time.
 */
import type { Locale } from '$shared/i18n';
import { formatDate, formatNumber } from '$lib/i18n-dates';

export function formatMoment(instant: string, timeZone: string, locale: Locale): string {
  return formatDate(instant, locale, { timeZone });
}

/** "GMT+5" for Asia/Tashkent, so a reader knows which clock the moments follow. */
export function zoneLabel(timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName');
  return parts ? `${timeZone} (${parts.value})` : timeZone;
}

/** A formatter with Intl.NumberFormat's shape, written the way the locale writes numbers. */
export function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions) {
  return { format: (value: number) => formatNumber(value, locale, options) };
}
