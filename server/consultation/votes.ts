/**
 * Residents' votes on priority skills. The rules live in the database: a unique index allows one
 * vote per resident and skill, and a trigger (migrations/0001) refuses a vote past the budget.
 * Casting runs in one immediate transaction that checks both first, so the usual refusals are
 * clean domain errors; should two requests ever race past the checks, the constraints turn the
 * loser into the same 409, never a 500.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { votes } from '../storage/schema';
import { alreadyVoted, voteBudgetExceeded, voteNotFound } from './errors';
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
 * Casts a vote. `check` runs inside the transaction first (the window, by the clock), so a vote
 * and the consultation's closing can never interleave.
 */
export function castVote(
  db: BirgaDatabase,
  vote: { consultation: ConsultationRecord; userId: string; skillKey: string; castAt: number },
  check: (tx: Reader) => void,
): VoteBudget {
  const { consultation, userId, skillKey } = vote;
  try {
    return db.transaction(
      (tx) => {
        check(tx);
        const existing = tx
          .select({ id: votes.id })
          .from(votes)
          .where(
            and(
              eq(votes.consultationId, consultation.id),
              eq(votes.userId, userId),
              eq(votes.skillKey, skillKey),
            ),
          )
          .get();
        if (existing) throw alreadyVoted();
        if (votesSpent(tx, consultation.id, userId) >= consultation.votesPerResident) {
          throw voteBudgetExceeded();
        }
        tx.insert(votes)
          .values({
            id: newId(),
            consultationId: consultation.id,
            userId,
            skillKey,
            castAt: vote.castAt,
          })
          .run();
        return voteBudget(tx, consultation, userId);
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    throw constraintError(error) ?? error;
  }
}

export function withdrawVote(
  db: BirgaDatabase,
  vote: { consultation: ConsultationRecord; userId: string; skillKey: string },
  check: (tx: Reader) => void,
): VoteBudget {
  const { consultation, userId, skillKey } = vote;
  return db.transaction(
    (tx) => {
      check(tx);
      const result = tx
        .delete(votes)
        .where(
          and(
            eq(votes.consultationId, consultation.id),
            eq(votes.userId, userId),
            eq(votes.skillKey, skillKey),
          ),
        )
        .run();
      if (result.changes === 0) throw voteNotFound();
      return voteBudget(tx, consultation, userId);
    },
    { behavior: 'immediate' },
  );
}
