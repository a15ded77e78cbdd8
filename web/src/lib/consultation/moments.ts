/**
 * Moments of a consultation as the territory's clock shows them, whatever zone the browser is in:
 * a resident in Tashkent and a coordinator travelling abroad read the same closing time.
 */
import type { Locale } from '$shared/i18n';

export function formatMoment(instant: string, timeZone: string, locale: Locale): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
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
