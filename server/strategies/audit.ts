/**
 * The audit log of a strategy: every phase move and every change to its consultation, with who,
 * when, what and why. Rows are written in the same transaction as the change they record, so the
 * log never misses or invents a change. Later phases (review, approval, publication) use it too.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { strategyEvents, users } from '../storage/schema';

export type StrategyEventAction =
  | 'consultation_opened'
  | 'consultation_changed'
  | 'consultation_closed'
  | 'consultation_skill_added'
  | 'consultation_skill_changed'
  | 'consultation_skill_removed'
  | 'paper_votes_recorded'
  | 'paper_votes_removed'
  | 'returned_to_draft';

/** The database or a transaction of it: both take the same inserts. */
type Writer = Pick<BirgaDatabase, 'insert'>;

export interface StrategyEvent {
  strategyId: string;
  actorId: string | null;
  action: StrategyEventAction;
  fromStatus: string;
  toStatus: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  at: number;
}

export function recordStrategyEvent(db: Writer, event: StrategyEvent): void {
  db.insert(strategyEvents)
    .values({
      id: newId(),
      strategyId: event.strategyId,
      actorId: event.actorId,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason ?? null,
      details: event.details ?? null,
      at: event.at,
    })
    .run();
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  from: string;
  to: string;
  actor: { id: string; displayName: string } | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** The log of one strategy, oldest first. */
export function strategyAudit(db: BirgaDatabase, strategyId: string): AuditEntry[] {
  return (
    db
      .select({
        id: strategyEvents.id,
        at: strategyEvents.at,
        action: strategyEvents.action,
        from: strategyEvents.fromStatus,
        to: strategyEvents.toStatus,
        actorId: users.id,
        actorName: users.displayName,
        reason: strategyEvents.reason,
        details: strategyEvents.details,
      })
      .from(strategyEvents)
      .leftJoin(users, eq(users.id, strategyEvents.actorId))
      .where(eq(strategyEvents.strategyId, strategyId))
      // rowid keeps the order of writing when two entries share a millisecond.
      .orderBy(asc(strategyEvents.at), sql`strategy_events.rowid`)
      .all()
      .map((row) => ({
        id: row.id,
        at: new Date(row.at).toISOString(),
        action: row.action,
        from: row.from,
        to: row.to,
        actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '' } : null,
        reason: row.reason,
        details: row.details ?? null,
      }))
  );
}
