/**
 * The skills a consultation votes on: the draft's priority skills, read from the live document,
 * followed by the skills the coordinator added for the consultation (keys CS1, CS2, … so they can
 * never be confused with the draft's S-keys). Titles are kept exactly as typed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Skill } from '../../shared/api/consultation';
import { matchesSearch } from '../../shared/search/uzbek';
import { readList } from '../../shared/strategy/document';
import type { CollaborationHub } from '../collaboration/hub';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { preparedPerConnection } from '../storage/prepared';
import { consultationSkills } from '../storage/schema';
import type { StrategyRecord } from '../strategies/access';

const ADDED_SKILL_PREFIX = 'CS';

export interface DocumentOutline {
  skills: Skill[];
  goalKeys: Set<string>;
  actionKeys: Set<string>;
}

/**
 * Nobody may edit the text during the consultation phase, so what votes and comments need from
 * the document is read once per phase and kept; every phase change forgets it (forgetOutline).
 */
const outlines = new WeakMap<CollaborationHub, Map<string, DocumentOutline>>();

export function forgetOutline(collaboration: CollaborationHub, documentId: string): void {
  outlines.get(collaboration)?.delete(documentId);
}

export function documentOutline(
  collaboration: CollaborationHub,
  strategy: StrategyRecord,
): DocumentOutline {
  const cached = outlines.get(collaboration)?.get(strategy.documentId);
  if (cached && strategy.status === 'consultation') return cached;

  const ydoc = collaboration.readDocument(strategy.documentId);
  let outline: DocumentOutline;
  try {
    outline = {
      skills: readList(ydoc, 'prioritySkills').map((item) => ({
        key: item.key,
        source: 'document' as const,
        category: typeof item.category === 'string' ? item.category : null,
        title: stringsOnly(item.title),
      })),
      goalKeys: new Set(readList(ydoc, 'goals').map((item) => item.key)),
      actionKeys: new Set(readList(ydoc, 'actions').map((item) => item.key)),
    };
  } finally {
    ydoc.destroy();
  }
  if (strategy.status === 'consultation') {
    if (!outlines.has(collaboration)) outlines.set(collaboration, new Map());
    outlines.get(collaboration)!.set(strategy.documentId, outline);
  }
  return outline;
}

function stringsOnly(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [language, text] of Object.entries(value)) {
      if (typeof text === 'string') result[language] = text;
    }
  }
  return result;
}

type Reader = Pick<BirgaDatabase, 'select'>;
type Writer = Pick<BirgaDatabase, 'insert' | 'update' | 'delete'>;

function prepareAddedSkills(db: Reader) {
  return db
    .select()
    .from(consultationSkills)
    .where(eq(consultationSkills.consultationId, sql.placeholder('consultationId')))
    .orderBy(sql`consultation_skills.rowid`)
    .prepare();
}

/** Every vote checks its skill here. */
const addedSkillsQuery = preparedPerConnection(prepareAddedSkills);

export function addedSkills(db: Reader, consultationId: string): Skill[] {
  return addedSkillsQuery(db)
    .all({ consultationId })
    .map((row) => ({
      key: row.skillKey,
      source: 'consultation' as const,
      category: row.category,
      title: row.title,
    }));
}

export function consultationSkillList(
  deps: { db: BirgaDatabase; collaboration: CollaborationHub },
  strategy: StrategyRecord,
  consultationId: string | undefined,
): Skill[] {
  const added = consultationId ? addedSkills(deps.db, consultationId) : [];
  return [...documentOutline(deps.collaboration, strategy).skills, ...added];
}

/** Skills whose key or any title holds every word of the query, across scripts and apostrophes. */
export function searchSkills(skills: Skill[], query: string | undefined): Skill[] {
  if (!query) return skills;
  return skills.filter((skill) => matchesSearch([skill.key, ...Object.values(skill.title)], query));
}

export function addSkill(
  db: Writer,
  skill: {
    consultationId: string;
    category: string;
    title: Record<string, string>;
    createdBy: string;
    taken: Set<string>;
  },
): Skill {
  let number = 1;
  for (const key of skill.taken) {
    const match = new RegExp(`^${ADDED_SKILL_PREFIX}(\\d+)$`).exec(key);
    if (match) number = Math.max(number, Number(match[1]) + 1);
  }
  const key = `${ADDED_SKILL_PREFIX}${number}`;
  db.insert(consultationSkills)
    .values({
      id: newId(),
      consultationId: skill.consultationId,
      skillKey: key,
      category: skill.category,
      title: skill.title,
      createdBy: skill.createdBy,
    })
    .run();
  return { key, source: 'consultation', category: skill.category, title: skill.title };
}

export function changeSkill(
  db: Writer,
  consultationId: string,
  key: string,
  change: { category?: string; title?: Record<string, string> },
): void {
  db.update(consultationSkills)
    .set({
      ...(change.category !== undefined ? { category: change.category } : {}),
      ...(change.title !== undefined ? { title: change.title } : {}),
    })
    .where(
      and(
        eq(consultationSkills.consultationId, consultationId),
        eq(consultationSkills.skillKey, key),
      ),
    )
    .run();
}

export function removeSkill(db: Writer, consultationId: string, key: string): void {
  db.delete(consultationSkills)
    .where(
      and(
        eq(consultationSkills.consultationId, consultationId),
        eq(consultationSkills.skillKey, key),
      ),
    )
    .run();
}
