/**
 * Builders for test data that the demo seed does not hold: each call makes a new account with a
 * unique address, so tests never share or mutate each other's people.
 */
import type { Role } from '../../shared/roles';
import { createUser, grantMembership, type UserRecord } from '../../server/accounts/users';
import type { TestServer } from '../support/server';
import { TestAgent } from '../support/agent';

let sequence = 0;

export const BUILT_PASSWORD = 'built-password-1';

export async function buildUser(
  server: TestServer,
  options: {
    email?: string;
    password?: string;
    displayName?: string;
    isAdmin?: boolean;
    memberships?: { territoryCode: string; role: Role }[];
  } = {},
): Promise<UserRecord> {
  sequence += 1;
  const user = await createUser(server.deps.db, {
    email: options.email ?? `person-${sequence}-${Date.now()}@example.test`,
    password: options.password ?? BUILT_PASSWORD,
    displayName: options.displayName ?? `Person ${sequence}`,
    isAdmin: options.isAdmin ?? false,
  });
  for (const membership of options.memberships ?? []) {
    grantMembership(server.deps.db, { userId: user.id, ...membership });
  }
  return user;
}

export async function signedIn(server: TestServer, email: string, password?: string) {
  return new TestAgent(server.url).signIn(email, password);
}

/** A second agent holding the same cookies, so answers that set cookies leave the first alone. */
export function sameSession(agent: TestAgent): TestAgent {
  const copy = new TestAgent(agent.baseUrl, agent.origin);
  for (const [name, value] of agent.cookies) copy.cookies.set(name, value);
  return copy;
}
