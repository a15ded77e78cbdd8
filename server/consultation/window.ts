/**
 * A consultation's window and its state by the clock. The state is computed on every request
 * from the stored moments and the strategy's phase, never kept by a job, so a vote one second
 * after the closing moment is refused however the server was scheduled.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../http/context';
import type { BirgaDatabase } from '../storage/database';
import { preparedPerConnection } from '../storage/prepared';
import { consultations } from '../storage/schema';
import type { StrategyRecord } from '../strategies/access';
import { consultationNow } from './clock';
import { consultationClosed, consultationNotFound } from './errors';

export type ConsultationState = 'scheduled' | 'open' | 'closed';

export interface ConsultationRecord {
  id: string;
  strategyId: string;
  opensAt: number;
  closesAt: number;
  votesPerResident: number;
}

type Reader = Pick<BirgaDatabase, 'select'>;

const columns = {
  id: consultations.id,
  strategyId: consultations.strategyId,
  opensAt: consultations.opensAt,
  closesAt: consultations.closesAt,
  votesPerResident: consultations.votesPerResident,
};

function prepareFind(db: Reader) {
  return db
    .select(columns)
    .from(consultations)
    .where(eq(consultations.strategyId, sql.placeholder('strategyId')))
    .prepare();
}

/** Every vote reads the consultation twice. */
const findQuery = preparedPerConnection(prepareFind);

export function findConsultation(db: Reader, strategyId: string): ConsultationRecord | undefined {
  return findQuery(db).get({ strategyId });
}

export function requireConsultation(db: Reader, strategyId: string): ConsultationRecord {
  const consultation = findConsultation(db, strategyId);
  if (!consultation) throw consultationNotFound();
  return consultation;
}

/** Open only in the consultation phase, from the opening moment up to (not at) the closing one. */
export function consultationState(
  consultation: Pick<ConsultationRecord, 'opensAt' | 'closesAt'>,
  phase: string,
  now: number,
): ConsultationState {
  if (now >= consultation.closesAt || phase !== 'consultation') return 'closed';
  return now < consultation.opensAt ? 'scheduled' : 'open';
}

/** The consultation, if it is open now; otherwise 404 (none) or 409 consultation_closed. */
export function requireOpenConsultation(
  deps: AppDeps,
  strategy: StrategyRecord,
  db: Reader = deps.db,
): ConsultationRecord {
  const consultation = requireConsultation(db, strategy.id);
  const state = consultationState(consultation, strategy.status, consultationNow(deps));
  if (state !== 'open') throw consultationClosed();
  return consultation;
}

/** Results are public from the closing moment on, even after the strategy returns to draft. */
export function resultsArePublic(consultation: ConsultationRecord, now: number): boolean {
  return now >= consultation.closesAt;
}
