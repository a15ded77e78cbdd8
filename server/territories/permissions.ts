/**
 * Who may act on a territory. Roles come from shared/roles.ts, inherited down the tree; a platform
 * administrator may also manage people everywhere, since that is how the first coordinators get in.
 * Creating a strategy stays with coordinators: an administrator is not part of a territory's work.
 */
import { mayPerform, type Role, type TerritoryAction } from '../../shared/roles';
import type { SignedIn } from '../accounts/sessions';
import { forbidden } from '../errors';
import { requireViewer, type AppContext } from '../http/context';
import type { BirgaDatabase } from '../storage/database';
import { rolesInTerritory } from '../strategies/access';
import { requireTerritory } from './store';
import type { Territory } from '../../shared/api/territories';

const ADMIN_ACTIONS: ReadonlySet<TerritoryAction> = new Set([
  'grantRoles',
  'inviteMembers',
  'listMembers',
  'removeMembers',
  'issuePasswordReset',
]);

export function viewerRoles(db: BirgaDatabase, viewer: SignedIn | null, code: string): Set<Role> {
  return viewer ? rolesInTerritory(db, viewer.user.id, code) : new Set();
}

export function mayInTerritory(
  db: BirgaDatabase,
  viewer: SignedIn | null,
  code: string,
  action: TerritoryAction,
): boolean {
  if (!viewer) return false;
  if (viewer.user.isAdmin && ADMIN_ACTIONS.has(action)) return true;
  return mayPerform(action, rolesInTerritory(db, viewer.user.id, code));
}

/** Signed in (401), the territory exists (404), and the viewer may do this there (403). */
export function requireTerritoryAction(
  c: AppContext,
  code: string,
  action: TerritoryAction,
): { viewer: SignedIn; territory: Territory } {
  const viewer = requireViewer(c);
  const { db } = c.get('deps');
  const territory = requireTerritory(db, code);
  if (!mayInTerritory(db, viewer, code, action)) throw forbidden();
  return { viewer, territory };
}

export function requireAdmin(c: AppContext): SignedIn {
  const viewer = requireViewer(c);
  if (!viewer.user.isAdmin) throw forbidden('Only a platform administrator may do this.');
  return viewer;
}
