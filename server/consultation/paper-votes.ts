/**
 * Votes cast on paper at a mahalla meeting, entered by a coordinator as one tally per skill. They
 * are counted and shown apart from the residents' own votes and spend nobody's budget.
 */
import { and, asc, eq, sql, sum } from 'drizzle-orm';
import type { PaperVote } from '../../shared/api/consultation';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { paperVotes } from '../storage/schema';

type Reader = Pick<BirgaDatabase, 'select'>;
type Writer = Pick<BirgaDatabase, 'insert' | 'delete'>;

type PaperVoteRow = typeof paperVotes.$inferSelect;

function paperVoteJson(row: PaperVoteRow): PaperVote {
  return {
    id: row.id,
    skillKey: row.skillKey,
    count: row.count,
    meeting: row.meeting,
    recordedAt: new Date(row.recordedAt).toISOString(),
  };
}

export function recordPaperVotes(
  db: Writer,
  tally: { consultationId: string; skillKey: string; count: number; meeting: string },
  recorded: { by: string; at: number },
): PaperVote {
  const row = { id: newId(), ...tally, recordedBy: recorded.by, recordedAt: recorded.at };
  db.insert(paperVotes).values(row).run();
  return paperVoteJson(row);
}

export function listPaperVotes(db: Reader, consultationId: string): PaperVote[] {
  return db
    .select()
    .from(paperVotes)
    .where(eq(paperVotes.consultationId, consultationId))
    .orderBy(asc(paperVotes.recordedAt), sql`paper_votes.rowid`)
    .all()
    .map(paperVoteJson);
}

export function findPaperVotes(db: Reader, consultationId: string, id: string) {
  return db
    .select()
    .from(paperVotes)
    .where(and(eq(paperVotes.consultationId, consultationId), eq(paperVotes.id, id)))
    .get();
}

export function removePaperVotes(db: Writer, id: string): void {
  db.delete(paperVotes).where(eq(paperVotes.id, id)).run();
}

/** Paper votes per skill key. */
export function paperTallies(db: Reader, consultationId: string): Map<string, number> {
  const rows = db
    .select({ skillKey: paperVotes.skillKey, votes: sum(paperVotes.count) })
    .from(paperVotes)
    .where(eq(paperVotes.consultationId, consultationId))
    .groupBy(paperVotes.skillKey)
    .all();
  return new Map(rows.map((row) => [row.skillKey, Number(row.votes ?? 0)]));
}
