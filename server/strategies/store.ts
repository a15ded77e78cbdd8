/**
 * Creating a territory's strategy for a year, and the strategy as the API shows it. The document
 * starts in the same request, so a strategy never exists without its live document.
 */
import { asc, eq } from 'drizzle-orm';
import type { StrategySummary } from '../../shared/api/territories';
import type { Strategy as StrategyResponse } from '../../shared/api/strategies';
import { isStrategyPhase, type DocumentAccess } from '../../shared/roles';
import { encodeStrategyDocument } from '../../shared/strategy/document';
import type { CollaborationHub } from '../collaboration/hub';
import { conflict } from '../errors';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { strategies } from '../storage/schema';
import {
  findStrategyById,
  findStrategyByYear,
  strategyAccess,
  type StrategyRecord,
} from './access';

export function strategyJson(
  strategy: StrategyRecord,
  access: Exclude<DocumentAccess, 'none'>,
): StrategyResponse {
  return {
    id: strategy.id,
    territory: strategy.territoryCode,
    year: strategy.year,
    status: isStrategyPhase(strategy.status) ? strategy.status : 'draft',
    documentId: strategy.documentId,
    title: strategy.title,
    mainLanguage: strategy.mainLanguage,
    access,
  };
}

/** The territory's strategies that this person (or a signed-out visitor, null) may read. */
export function visibleStrategies(
  db: BirgaDatabase,
  territoryCode: string,
  userId: string | null,
): StrategySummary[] {
  return db
    .select({ id: strategies.id })
    .from(strategies)
    .where(eq(strategies.territoryCode, territoryCode))
    .orderBy(asc(strategies.year))
    .all()
    .map((row) => findStrategyById(db, row.id)!)
    .filter((strategy) => strategyAccess(db, strategy, userId) !== 'none')
    .map((strategy) => ({
      id: strategy.id,
      year: strategy.year,
      status: isStrategyPhase(strategy.status) ? strategy.status : 'draft',
      title: strategy.title,
    }));
}

export function createStrategy(
  deps: { db: BirgaDatabase; collaboration: CollaborationHub },
  strategy: { territoryCode: string; year: number; title: string; createdBy: string },
): StrategyRecord {
  const { db, collaboration } = deps;
  if (findStrategyByYear(db, strategy.territoryCode, strategy.year)) throw strategyExists();

  const record: StrategyRecord = {
    id: newId(),
    territoryCode: strategy.territoryCode,
    year: strategy.year,
    title: strategy.title,
    mainLanguage: 'uz-Latn',
    status: 'draft',
    documentId: newId(),
  };
  try {
    db.insert(strategies)
      .values({ ...record, createdBy: strategy.createdBy })
      .run();
  } catch (error) {
    // Two coordinators creating the same year at once: the unique index decides.
    if (String(error).includes('UNIQUE')) throw strategyExists();
    throw error;
  }
  collaboration.createDocument(
    record.documentId,
    encodeStrategyDocument({
      territory: record.territoryCode,
      year: record.year,
      mainLanguage: 'uz-Latn',
      title: { 'uz-Latn': record.title },
    }),
  );
  return record;
}

const strategyExists = () =>
  conflict('strategy_exists', 'This territory already has a strategy for that year.', 'year');
