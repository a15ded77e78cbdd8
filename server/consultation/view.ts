/**
 * The consultation as the API shows it: the window in UTC and in the territory's time zone, its
 * state by the clock, the skills to vote on, and what the viewer may do.
 */
import { eq } from 'drizzle-orm';
import type { Consultation, Skill } from '../../shared/api/consultation';
import { localDateTime } from '../../shared/consultation/time-zone';
import { isStrategyPhase, type Role } from '../../shared/roles';
import type { AppDeps } from '../http/context';
import type { BirgaDatabase } from '../storage/database';
import { territories } from '../storage/schema';
import type { StrategyRecord } from '../strategies/access';
import { mayManageConsultation } from './access';
import { consultationNow } from './clock';
import { consultationState, resultsArePublic, type ConsultationRecord } from './window';

export const DEFAULT_TIME_ZONE = 'Asia/Tashkent';

export function territoryTimeZone(db: BirgaDatabase, territoryCode: string): string {
  const row = db
    .select({ timeZone: territories.timeZone })
    .from(territories)
    .where(eq(territories.code, territoryCode))
    .get();
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function consultationJson(
  deps: AppDeps,
  view: {
    strategy: StrategyRecord;
    consultation: ConsultationRecord;
    skills: Skill[];
    signedIn: boolean;
    roles: Set<Role>;
  },
): Consultation {
  const { strategy, consultation, roles } = view;
  const now = consultationNow(deps);
  const timeZone = territoryTimeZone(deps.db, strategy.territoryCode);
  const state = consultationState(consultation, strategy.status, now);
  const resident = roles.has('resident');
  const mayManage = mayManageConsultation(roles);
  return {
    strategyId: strategy.id,
    territory: strategy.territoryCode,
    timeZone,
    phase: isStrategyPhase(strategy.status) ? strategy.status : 'draft',
    opensAt: new Date(consultation.opensAt).toISOString(),
    closesAt: new Date(consultation.closesAt).toISOString(),
    local: {
      opensAt: localDateTime(consultation.opensAt, timeZone),
      closesAt: localDateTime(consultation.closesAt, timeZone),
    },
    votesPerResident: consultation.votesPerResident,
    state,
    now: new Date(now).toISOString(),
    resultsPublic: resultsArePublic(consultation, now),
    skills: view.skills,
    viewer: {
      signedIn: view.signedIn,
      resident,
      mayVote: resident && state === 'open',
      mayComment: view.signedIn && state === 'open',
      mayManage,
    },
  };
}
