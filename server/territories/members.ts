/** Who holds which role in one territory, for the coordinators' members page. */
import { asc, eq } from 'drizzle-orm';
import type { Member } from '../../shared/api/members';
import { isRole } from '../../shared/roles';
import type { BirgaDatabase } from '../storage/database';
import { memberships, users } from '../storage/schema';

export function membersOf(db: BirgaDatabase, territoryCode: string): Member[] {
  return db
    .select({
      user: { id: users.id, email: users.email, displayName: users.displayName },
      role: memberships.role,
      territoryCode: memberships.territoryCode,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.territoryCode, territoryCode))
    .orderBy(asc(memberships.role), asc(users.email))
    .all()
    .filter((row): row is Member => isRole(row.role));
}
