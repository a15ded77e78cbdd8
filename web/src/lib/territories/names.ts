/** A territory's name in the reader's language, falling back to the official Uzbek Latin name. */
import type { Territory } from '$shared/api/territories';
import type { Locale } from '$shared/i18n';

export function territoryName(
  territory: Pick<Territory, 'code' | 'names'>,
  locale: Locale,
): string {
  return territory.names[locale] || territory.names['uz-Latn'] || territory.code;
}
