/**
 * Opening, changing and closing a consultation. Opening moves a draft (or a strategy in review)
 * into the consultation phase; each change is checked and written together with its audit entry
 * in one immediate transaction, so a budget is never lowered under what a concurrent vote spent.
 * Saving the same window again changes nothing and logs nothing.
 */
import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import { invalidInput } from '../errors';
import type { AppDeps } from '../http/context';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { consultations, votes } from '../storage/schema';
import type { StrategyRecord } from '../strategies/access';
import { recordStrategyEvent } from '../strategies/audit';
import { setStrategyPhase } from '../strategies/transitions';
import { consultationNow } from './clock';
import { budgetBelowSpent, consultationClosed, phaseNotAllowed } from './errors';
import { consultationState, findConsultation, type ConsultationRecord } from './window';

const OPENABLE_PHASES = new Set(['draft', 'review']);

export interface WindowChange {
  opensAt: string;
  closesAt: string;
  votesPerResident: number;
}

/** The most votes any one resident has spent in the consultation. */
export function mostVotesSpent(db: Pick<BirgaDatabase, 'select'>, consultationId: string): number {
  const row = db
    .select({ spent: count() })
    .from(votes)
    .where(and(eq(votes.consultationId, consultationId), isNotNull(votes.userId)))
    .groupBy(votes.userId)
    .orderBy(desc(count()))
    .limit(1)
    .get();
  return row?.spent ?? 0;
}

function windowJson(consultation: Omit<ConsultationRecord, 'id' | 'strategyId'>) {
  return {
    opensAt: new Date(consultation.opensAt).toISOString(),
    closesAt: new Date(consultation.closesAt).toISOString(),
    votesPerResident: consultation.votesPerResident,
  };
}

export function scheduleConsultation(
  deps: AppDeps,
  request: { strategy: StrategyRecord; actorId: string; window: WindowChange },
): { consultation: ConsultationRecord; created: boolean; phaseChanged: boolean } {
  const { strategy, actorId, window } = request;
  const now = consultationNow(deps);
  const next = {
    opensAt: Date.parse(window.opensAt),
    closesAt: Date.parse(window.closesAt),
    votesPerResident: window.votesPerResident,
  };
  const opening = OPENABLE_PHASES.has(strategy.status);
  if (!opening && strategy.status !== 'consultation') {
    throw phaseNotAllowed(`A strategy in ${strategy.status} cannot go to consultation.`);
  }

  return deps.db.transaction(
    (tx) => {
      const existing = findConsultation(tx, strategy.id);
      const unchanged =
        existing &&
        !opening &&
        existing.opensAt === next.opensAt &&
        existing.closesAt === next.closesAt &&
        existing.votesPerResident === next.votesPerResident;
      if (existing && unchanged)
        return { consultation: existing, created: false, phaseChanged: false };

      if (next.closesAt <= now) {
        throw invalidInput('closesAt', 'The closing moment must lie in the future.');
      }
      if (existing) {
        const spent = mostVotesSpent(tx, existing.id);
        if (next.votesPerResident < spent) throw budgetBelowSpent(spent);
        tx.update(consultations).set(next).where(eq(consultations.id, existing.id)).run();
      } else {
        tx.insert(consultations)
          .values({ id: newId(), strategyId: strategy.id, createdBy: actorId, ...next })
          .run();
      }
      if (
        opening &&
        !setStrategyPhase(tx, {
          strategyId: strategy.id,
          from: strategy.status,
          to: 'consultation',
        })
      ) {
        throw phaseNotAllowed('The strategy changed phase meanwhile; reload and try again.');
      }
      recordStrategyEvent(tx, {
        strategyId: strategy.id,
        actorId,
        action: opening ? 'consultation_opened' : 'consultation_changed',
        fromStatus: strategy.status,
        toStatus: 'consultation',
        details:
          existing && !opening
            ? { before: windowJson(existing), after: windowJson(next) }
            : windowJson(next),
        at: now,
      });
      return {
        consultation: findConsultation(tx, strategy.id)!,
        created: !existing,
        phaseChanged: opening,
      };
    },
    { behavior: 'immediate' },
  );
}

/** Closes the window now; the strategy stays in consultation, read-only, until it moves on. */
export function closeConsultation(
  deps: AppDeps,
  request: { strategy: StrategyRecord; actorId: string },
): ConsultationRecord {
  const { strategy, actorId } = request;
  const now = consultationNow(deps);
  return deps.db.transaction(
    (tx) => {
      const consultation = findConsultation(tx, strategy.id);
      if (!consultation || consultationState(consultation, strategy.status, now) === 'closed') {
        throw consultationClosed();
      }
      const closed = { opensAt: Math.min(consultation.opensAt, now), closesAt: now };
      tx.update(consultations).set(closed).where(eq(consultations.id, consultation.id)).run();
      recordStrategyEvent(tx, {
        strategyId: strategy.id,
        actorId,
        action: 'consultation_closed',
        fromStatus: strategy.status,
        toStatus: strategy.status,
        details: {
          closesAt: new Date(now).toISOString(),
          scheduledClosesAt: new Date(consultation.closesAt).toISOString(),
        },
        at: now,
      });
      return { ...consultation, ...closed };
    },
    { behavior: 'immediate' },
  );
}
