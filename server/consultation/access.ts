/**
 * Who may see and act on a strategy's consultation. A strategy the caller may not read answers
 * 404, as everywhere in the API; one they may read but not act on answers 403.
 */
import {
  documentAccess,
  isStrategyPhase,
  mayPerform,
  type Role,
  type TerritoryAction,
} from '../../shared/roles';
import type { SignedIn } from '../accounts/sessions';
import { forbidden, notFound } from '../errors';
import { requireViewer, type AppContext } from '../http/context';
import { findStrategyById, rolesInTerritory, type StrategyRecord } from '../strategies/access';

export interface ReadableStrategy {
  strategy: StrategyRecord;
  access: 'read' | 'edit';
  viewer: SignedIn | null;
  roles: Set<Role>;
}

export function viewerRolesFor(c: AppContext, strategy: StrategyRecord): Set<Role> {
  const viewer = c.get('viewer');
  return viewer
    ? rolesInTerritory(c.get('deps').db, viewer.user.id, strategy.territoryCode)
    : new Set();
}

/** The strategy if the caller may read it, signed in or not; 404 otherwise. */
export function readableStrategy(c: AppContext, strategyId: string): ReadableStrategy {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const strategy = findStrategyById(db, strategyId);
  if (!strategy) throw notFound('The strategy');
  // strategyAccess's rule on roles looked up once: every vote and comment comes through here, and
  // the lookup walks the territory tree.
  const roles = viewerRolesFor(c, strategy);
  const access = isStrategyPhase(strategy.status) ? documentAccess(strategy.status, roles) : 'none';
  if (access === 'none') throw notFound('The strategy');
  return { strategy, access, viewer, roles };
}

/** Signed in (401), the strategy readable (404), and the action allowed there (403). */
export function requireStrategyAction(
  c: AppContext,
  strategyId: string,
  action: TerritoryAction,
): ReadableStrategy & { viewer: SignedIn } {
  const viewer = requireViewer(c);
  const readable = readableStrategy(c, strategyId);
  if (!mayPerform(action, readable.roles)) throw forbidden();
  return { ...readable, viewer };
}

export function mayManageConsultation(roles: Set<Role>): boolean {
  return mayPerform('manageConsultation', roles);
}
