/**
 * The territory tree as the territories page shows it: children under their parent, siblings in
 * alphabetical order of the reader's language, and a search that keeps the path to every match.
 */
import type { Territory } from '$shared/api/territories';
import type { Locale } from '$shared/i18n';
import { compareUzbek, matchesSearch } from '$shared/search/uzbek';
import { territoryName } from './names';

export interface TerritoryBranch {
  territory: Territory;
  name: string;
  children: TerritoryBranch[];
}

/** Uzbek names sort in the Uzbek alphabet (… X Y Z Oʻ Gʻ Sh Ch Ng); others by their language. */
export function nameOrder(locale: Locale): (a: string, b: string) => number {
  if (locale === 'uz-Latn') return compareUzbek;
  return new Intl.Collator(locale, { sensitivity: 'base' }).compare;
}

export function buildTree(territories: readonly Territory[], locale: Locale): TerritoryBranch[] {
  const compare = nameOrder(locale);
  const byCode = new Map<string, TerritoryBranch>();
  for (const territory of territories) {
    byCode.set(territory.code, { territory, name: territoryName(territory, locale), children: [] });
  }

  const roots: TerritoryBranch[] = [];
  for (const branch of byCode.values()) {
    const parent = branch.territory.parentCode
      ? byCode.get(branch.territory.parentCode)
      : undefined;
    (parent ? parent.children : roots).push(branch);
  }

  const sort = (branches: TerritoryBranch[]) => {
    branches.sort((a, b) => compare(a.name, b.name));
    for (const branch of branches) sort(branch.children);
  };
  sort(roots);
  return roots;
}

export interface SearchResult {
  /** Territories whose names match the query. */
  matches: Set<string>;
  /** The matches and every territory above one of them: what stays visible. */
  visible: Set<string>;
}

/** Searches every name of every territory (all languages and scripts) with Uzbek folding. */
export function searchTerritories(territories: readonly Territory[], query: string): SearchResult {
  const parents = new Map(territories.map((territory) => [territory.code, territory.parentCode]));
  const matches = new Set<string>();
  const visible = new Set<string>();

  for (const territory of territories) {
    if (!matchesSearch(territory.names, query)) continue;
    matches.add(territory.code);
    let code: string | null | undefined = territory.code;
    while (code && !visible.has(code)) {
      visible.add(code);
      code = parents.get(code);
    }
  }
  return { matches, visible };
}

/** The codes of territories that have children, for "expand all". */
export function parentCodes(territories: readonly Territory[]): Set<string> {
  return new Set(territories.flatMap((territory) => territory.parentCode ?? []));
}
