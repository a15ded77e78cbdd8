/**
 * The territory tree: reading it for the public lists and pages, and the administrator's changes.
 * A territory's parent must exist and may not lie below it, so the tree never gets a cycle, and a
 * child's code continues its parent's (UZ-FA-FC under UZ-FA), as ISO 3166-2 codes do.
 */
import { asc, eq } from 'drizzle-orm';
import type { Territory, TerritoryNames } from '../../shared/api/territories';
import { compareUzbek } from '../../shared/search/uzbek';
import { conflict, invalidInput, notFound } from '../errors';
import type { BirgaDatabase } from '../storage/database';
import { territories } from '../storage/schema';
import { territoryLineage } from '../strategies/access';

type TerritoryRow = typeof territories.$inferSelect;

export function territoryJson(row: TerritoryRow): Territory {
  return { code: row.code, kind: row.kind, parentCode: row.parentCode, names: row.names };
}

function byUzbekName(a: Territory, b: Territory): number {
  return compareUzbek(a.names['uz-Latn'] ?? a.code, b.names['uz-Latn'] ?? b.code);
}

export function listTerritories(db: BirgaDatabase): Territory[] {
  return db.select().from(territories).all().map(territoryJson).sort(byUzbekName);
}

export function findTerritory(db: BirgaDatabase, code: string): Territory | undefined {
  const row = db.select().from(territories).where(eq(territories.code, code)).get();
  return row && territoryJson(row);
}

export function requireTerritory(db: BirgaDatabase, code: string): Territory {
  const territory = findTerritory(db, code);
  if (!territory) throw notFound('The territory');
  return territory;
}

export function childrenOf(db: BirgaDatabase, code: string): Territory[] {
  return db
    .select()
    .from(territories)
    .where(eq(territories.parentCode, code))
    .orderBy(asc(territories.code))
    .all()
    .map(territoryJson)
    .sort(byUzbekName);
}

/** From the root down to the territory's parent. */
export function ancestorsOf(db: BirgaDatabase, code: string): Territory[] {
  return territoryLineage(db, code)
    .slice(1)
    .reverse()
    .map((ancestor) => findTerritory(db, ancestor))
    .filter((territory): territory is Territory => territory !== undefined);
}

/** The field named on failure is the one the administrator changed: the code, or the parent. */
function checkParent(
  db: BirgaDatabase,
  territory: { code: string; parentCode: string | null },
  field: 'code' | 'parentCode',
): void {
  const { code, parentCode } = territory;
  if (parentCode === null) return;
  if (!findTerritory(db, parentCode)) {
    throw invalidInput('parentCode', 'The parent territory does not exist.');
  }
  if (territoryLineage(db, parentCode).includes(code)) {
    throw invalidInput('parentCode', 'A territory cannot lie below itself.');
  }
  if (!code.startsWith(`${parentCode}-`)) {
    throw invalidInput(
      field,
      `A territory under ${parentCode} has a code that starts ${parentCode}-.`,
    );
  }
}

export function createTerritory(
  db: BirgaDatabase,
  territory: { code: string; kind: string; parentCode: string | null; names: TerritoryNames },
): Territory {
  if (findTerritory(db, territory.code)) {
    throw conflict('territory_exists', 'A territory with this code already exists.', 'code');
  }
  checkParent(db, territory, 'code');
  const names = compactNames(territory.names);
  db.insert(territories)
    .values({ ...territory, names })
    .run();
  return requireTerritory(db, territory.code);
}

export function changeTerritory(
  db: BirgaDatabase,
  code: string,
  change: { kind?: string; parentCode?: string | null; names?: TerritoryNames },
): Territory {
  requireTerritory(db, code);
  if (change.parentCode !== undefined) {
    checkParent(db, { code, parentCode: change.parentCode }, 'parentCode');
  }
  db.update(territories)
    .set({
      ...(change.kind !== undefined ? { kind: change.kind } : {}),
      ...(change.parentCode !== undefined ? { parentCode: change.parentCode } : {}),
      ...(change.names !== undefined ? { names: compactNames(change.names) } : {}),
    })
    .where(eq(territories.code, code))
    .run();
  return requireTerritory(db, code);
}

function compactNames(names: TerritoryNames): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [language, name] of Object.entries(names)) if (name) result[language] = name;
  return result;
}
