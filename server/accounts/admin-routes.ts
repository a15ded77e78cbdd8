/**
 * The platform administrator's API: every account with its roles, and the territory tree. Roles
 * are given through the members routes, where an administrator may act in any territory.
 */
import { Hono } from 'hono';
import { asc } from 'drizzle-orm';
import { territoryParams } from '../../shared/api/params';
import { territoryChangeBody, territoryCreationBody } from '../../shared/api/territories';
import type { AdminUser, Membership } from '../../shared/api/accounts';
import { isRole } from '../../shared/roles';
import type { AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import type { BirgaDatabase } from '../storage/database';
import { memberships, users } from '../storage/schema';
import { requireAdmin } from '../territories/permissions';
import { changeTerritory, createTerritory } from '../territories/store';

function listUsers(db: BirgaDatabase): AdminUser[] {
  const rolesByUser = new Map<string, Membership[]>();
  for (const row of db.select().from(memberships).all()) {
    if (!isRole(row.role)) continue;
    const list = rolesByUser.get(row.userId) ?? [];
    list.push({ territoryCode: row.territoryCode, role: row.role });
    rolesByUser.set(row.userId, list);
  }
  return db
    .select()
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((user) => ({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      createdAt: new Date(user.createdAt).toISOString(),
      memberships: rolesByUser.get(user.id) ?? [],
    }));
}

export const adminRoutes = new Hono<AppEnv>()
  .get('/admin/users', (c) => {
    requireAdmin(c);
    return c.json(listUsers(c.get('deps').db));
  })
  .post('/admin/territories', async (c) => {
    const viewer = requireAdmin(c);
    const body = await parseBody(c, territoryCreationBody);
    const { db, logger } = c.get('deps');

    const territory = createTerritory(db, body);
    logger
      .child({ module: 'territories' })
      .info({ territoryCode: territory.code, by: viewer.user.id }, 'territory created');
    return c.json(territory, 201);
  })
  .patch('/admin/territories/:code', async (c) => {
    const { code } = parseParams(c, territoryParams);
    const viewer = requireAdmin(c);
    const change = await parseBody(c, territoryChangeBody);
    const { db, logger, collaboration } = c.get('deps');

    const territory = changeTerritory(db, code, change);
    // Moving a territory changes which roles it inherits, so open sockets are re-checked.
    if (change.parentCode !== undefined) collaboration.refreshAccess({});
    logger
      .child({ module: 'territories' })
      .info({ territoryCode: code, by: viewer.user.id }, 'territory changed');
    return c.json(territory);
  });
