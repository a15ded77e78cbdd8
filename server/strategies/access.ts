/**
 * Resolves what a person may do with a strategy's document: their roles in the strategy's territory
 * and, for the inherited roles, in every territory above it, read through shared/roles.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import {
  documentAccess,
  INHERITED_ROLES,
  isRole,
  isStrategyPhase,
  type DocumentAccess,
  type Role,
} from '../../shared/roles';
import type { BirgaDatabase } from '../storage/database';
import { preparedPerConnection } from '../storage/prepared';
import { memberships, strategies, territories } from '../storage/schema';

/** Every request that touches a strategy looks it up and walks the territory tree. */
function prepareLookups(db: BirgaDatabase) {
  return {
    parent: db
      .select({ parentCode: territories.parentCode })
      .from(territories)
      .where(eq(territories.code, sql.placeholder('code')))
      .prepare(),
    memberships: db
      .select({
        territoryCode: memberships.territoryCode,
        role: memberships.role,
      })
      .from(memberships)
      .where(eq(memberships.userId, sql.placeholder('userId')))
      .prepare(),
    strategy: db
      .select(strategyColumns)
      .from(strategies)
      .where(eq(strategies.id, sql.placeholder('id')))
      .prepare(),
  };
}

const lookups = preparedPerConnection(prepareLookups);

/** The territory and its ancestors, nearest first. A cycle in bad data stops the walk. */
export function territoryLineage(db: BirgaDatabase, territoryCode: string): string[] {
  const lineage: string[] = [];
  let code: string | null = territoryCode;
  while (code && !lineage.includes(code) && lineage.length < 16) {
    const row: { parentCode: string | null } | undefined = lookups(db).parent.get({ code });
    if (!row) break;
    lineage.push(code);
    code = row.parentCode;
  }
  return lineage;
}

/** Roles a user holds in a territory, directly or inherited from a territory above it. */
export function rolesInTerritory(
  db: BirgaDatabase,
  userId: string,
  territoryCode: string,
): Set<Role> {
  const lineage = territoryLineage(db, territoryCode);
  if (lineage.length === 0) return new Set();
  // A person holds a few memberships at most; filtering them here keeps the query preparable.
  const rows = lookups(db)
    .memberships.all({ userId })
    .filter((row) => lineage.includes(row.territoryCode));

  const roles = new Set<Role>();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    if (row.territoryCode === territoryCode || INHERITED_ROLES.has(row.role)) roles.add(row.role);
  }
  return roles;
}

export interface StrategyRecord {
  id: string;
  territoryCode: string;
  year: number;
  title: string;
  mainLanguage: string;
  status: string;
  documentId: string;
}

const strategyColumns = {
  id: strategies.id,
  territoryCode: strategies.territoryCode,
  year: strategies.year,
  title: strategies.title,
  mainLanguage: strategies.mainLanguage,
  status: strategies.status,
  documentId: strategies.documentId,
};

export function findStrategyById(db: BirgaDatabase, id: string): StrategyRecord | undefined {
  return lookups(db).strategy.get({ id });
}

export function findStrategyByDocument(
  db: BirgaDatabase,
  documentId: string,
): StrategyRecord | undefined {
  return db
    .select(strategyColumns)
    .from(strategies)
    .where(eq(strategies.documentId, documentId))
    .get();
}

export function findStrategyByYear(
  db: BirgaDatabase,
  territoryCode: string,
  year: number,
): StrategyRecord | undefined {
  return db
    .select(strategyColumns)
    .from(strategies)
    .where(and(eq(strategies.territoryCode, territoryCode), eq(strategies.year, year)))
    .get();
}

/** A signed-out visitor passes null; a strategy in an unknown phase is shown to nobody. */
export function strategyAccess(
  db: BirgaDatabase,
  strategy: StrategyRecord,
  userId: string | null,
): DocumentAccess {
  if (!isStrategyPhase(strategy.status)) return 'none';
  const roles = userId ? rolesInTerritory(db, userId, strategy.territoryCode) : new Set<Role>();
  return documentAccess(strategy.status, roles);
}
