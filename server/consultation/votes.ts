/**
 * Residents' votes on priority skills. The rules live in the database: a unique index allows one
 * vote per resident and skill, and a trigger (migrations/0001) refuses a vote past the budget.
 * Casting checks both first, inside the write transaction, so the usual refusals are clean domain
 * errors; should two requests ever race past the checks, the constraints turn the loser into the
 * same 409, never a 500. Casts and withdrawals share group commits (group-commit.ts).
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { preparedPerConnection } from '../storage/prepared';
import { votes } from '../storage/schema';
import { alreadyVoted, voteBudgetExceeded, voteNotFound } from './errors';
import { commitInGroup } from './group-commit';
import type { ConsultationRecord } from './window';

type Reader = Pick<BirgaDatabase, 'select'>;

export interface VoteBudget {
  votesPerResident: number;
  spent: number;
  remaining: number;
}

export function votesSpent(db: Reader, consultationId: string, userId: string): number {
  const row = db
    .select({ spent: count() })
    .from(votes)
    .where(and(eq(votes.consultationId, consultationId), eq(votes.userId, userId)))
    .get();
  return row?.spent ?? 0;
}

export function votesForSkill(db: Reader, consultationId: string, skillKey: string): number {
  const row = db
    .select({ votes: count() })
    .from(votes)
    .where(and(eq(votes.consultationId, consultationId), eq(votes.skillKey, skillKey)))
    .get();
  return row?.votes ?? 0;
}

export function voteBudget(
  db: Reader,
  consultation: ConsultationRecord,
  userId: string,
): VoteBudget {
  const spent = votesSpent(db, consultation.id, userId);
  const votesPerResident = consultation.votesPerResident;
  return { votesPerResident, spent, remaining: Math.max(0, votesPerResident - spent) };
}

export function myVotes(db: Reader, consultationId: string, userId: string) {
  return db
    .select({ skillKey: votes.skillKey, castAt: votes.castAt })
    .from(votes)
    .where(and(eq(votes.consultationId, consultationId), eq(votes.userId, userId)))
    .orderBy(asc(votes.castAt), asc(votes.skillKey))
    .all()
    .map((vote) => ({ skillKey: vote.skillKey, castAt: new Date(vote.castAt).toISOString() }));
}

function constraintError(error: unknown): Error | undefined {
  const message = String(error);
  if (message.includes('vote_budget_exceeded')) return voteBudgetExceeded();
  if (message.includes('UNIQUE constraint failed: votes')) return alreadyVoted();
  return undefined;
}

/**
 * Prepared once per connection: a vote is a handful of small statements, and preparing one costs
 * more than running it.
 */
function prepareVoteStatements(db: BirgaDatabase) {
  const consultationId = sql.placeholder('consultationId');
  const userId = sql.placeholder('userId');
  const skillKey = sql.placeholder('skillKey');
  const resident = and(eq(votes.consultationId, consultationId), eq(votes.userId, userId));
  return {
    residentSkills: db.select({ skillKey: votes.skillKey }).from(votes).where(resident).prepare(),
    insert: db
      .insert(votes)
      .values({
        id: sql.placeholder('id'),
        consultationId,
        userId,
        skillKey,
        castAt: sql.placeholder('castAt'),
      })
      .prepare(),
    remove: db
      .delete(votes)
      .where(and(resident, eq(votes.skillKey, skillKey)))
      .prepare(),
  };
}

const voteStatements = preparedPerConnection(prepareVoteStatements);

function budgetAfter(votesPerResident: number, spent: number): VoteBudget {
  return { votesPerResident, spent, remaining: Math.max(0, votesPerResident - spent) };
}

/**
 * Casts a vote; resolves once it is committed. `check` runs inside the transaction first (the
 * window, by the clock) and answers the consultation as stored then, so a vote and the
 * consultation's closing or a change of its budget can never interleave.
 */
export async function castVote(
  db: BirgaDatabase,
  vote: { consultationId: string; userId: string; skillKey: string; castAt: number },
  check: () => ConsultationRecord,
): Promise<VoteBudget> {
  const statements = voteStatements(db);
  try {
    return await commitInGroup(db, () => {
      const { votesPerResident } = check();
      const held = statements.residentSkills.all(vote).map((row) => row.skillKey);
      if (held.includes(vote.skillKey)) throw alreadyVoted();
      if (held.length >= votesPerResident) throw voteBudgetExceeded();
      statements.insert.run({ id: newId(), ...vote });
      return budgetAfter(votesPerResident, held.length + 1);
    });
  } catch (error) {
    throw constraintError(error) ?? error;
  }
}

/** Takes a vote back; resolves once that is committed. */
export function withdrawVote(
  db: BirgaDatabase,
  vote: { consultationId: string; userId: string; skillKey: string },
  check: () => ConsultationRecord,
): Promise<VoteBudget> {
  const statements = voteStatements(db);
  return commitInGroup(db, () => {
    const { votesPerResident } = check();
    if (statements.remove.run(vote).changes === 0) throw voteNotFound();
    return budgetAfter(votesPerResident, statements.residentSkills.all(vote).length);
  });
}
