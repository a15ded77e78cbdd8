/** A territory's name in the reader's language, falling back to the official Uzbek Latin name. */
import { TERRITORY_KINDS, type Territory, type TerritoryKind } from '$shared/api/territories';
import type { Locale } from '$shared/i18n';

export function territoryName(
  territory: Pick<Territory, 'code' | 'names'>,
  locale: Locale,
): string {
  return territory.names[locale] || territory.names['uz-Latn'] || territory.code;
}

export function isTerritoryKind(kind: string): kind is TerritoryKind {
  return (TERRITORY_KINDS as readonly string[]).includes(kind);
}
