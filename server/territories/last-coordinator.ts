/**
 * Keeps a coordinator from taking away their own coordinator role when nobody else coordinates
 * the territory: that would leave it without anyone to invite, remove or create strategies, and
 * only an administrator could repair it. Administrators may still do it on purpose.
 */
import { and, count, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { memberParams } from '../../shared/api/params';
import { conflict } from '../errors';
import type { AppEnv } from '../http/context';
import type { BirgaDatabase } from '../storage/database';
import { memberships } from '../storage/schema';

export const lastCoordinator = () =>
  conflict(
    'last_coordinator',
    'You are the last coordinator of this territory; give the role to someone else first.',
  );

function coordinatorCount(db: BirgaDatabase, territoryCode: string): number {
  const row = db
    .select({ total: count() })
    .from(memberships)
    .where(and(eq(memberships.territoryCode, territoryCode), eq(memberships.role, 'coordinator')))
    .get();
  return row?.total ?? 0;
}

/**
 * Runs before DELETE /territories/:code/members/:userId/:role. Anything it does not decide (a bad
 * parameter, a missing session, someone else's role) is left to the route itself. The count and
 * the route's delete run in one synchronous stretch of the event loop, so no other request can
 * remove a coordinator in between.
 */
export const keepLastCoordinator = createMiddleware<AppEnv>(async (c, next) => {
  const viewer = c.get('viewer');
  const params = memberParams.safeParse(c.req.param());
  if (!viewer || viewer.user.isAdmin || !params.success) return next();

  const { code, userId, role } = params.data;
  const { db } = c.get('deps');
  const removingOwnCoordination = role === 'coordinator' && userId === viewer.user.id;
  if (removingOwnCoordination && coordinatorCount(db, code) === 1) {
    const holdsIt = db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.territoryCode, code),
          eq(memberships.role, 'coordinator'),
          eq(memberships.userId, userId),
        ),
      )
      .get();
    if (holdsIt) throw lastCoordinator();
  }
  return next();
});
