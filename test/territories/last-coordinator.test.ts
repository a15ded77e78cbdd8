import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { BUILT_PASSWORD, buildUser, signedIn } from '../accounts/builders';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function coordinatorOf(territoryCode: string) {
  const user = await buildUser(server, { memberships: [{ territoryCode, role: 'coordinator' }] });
  return { user, agent: await signedIn(server, user.email, BUILT_PASSWORD) };
}

const memberPath = (code: string, userId: string, role = 'coordinator') =>
  `/api/territories/${code}/members/${userId}/${role}`;

describe('the last coordinator of a territory', () => {
  it('cannot take away their own coordinator role', async () => {
    const { user, agent } = await coordinatorOf('UZ-TK-CH');

    const refused = await agent.delete(memberPath('UZ-TK-CH', user.id));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last_coordinator');
    expect((await agent.get('/api/me')).body.memberships).toEqual([
      { territoryCode: 'UZ-TK-CH', role: 'coordinator' },
    ]);
  });

  it('may step down once another coordinator is there', async () => {
    const first = await coordinatorOf('UZ-TK-YU');
    await coordinatorOf('UZ-TK-YU');

    expect((await first.agent.delete(memberPath('UZ-TK-YU', first.user.id))).status).toBe(204);
    expect((await first.agent.get('/api/me')).body.memberships).toEqual([]);
  });

  it('may still give up their other roles', async () => {
    const { user, agent } = await coordinatorOf('UZ-FA-QQ');
    const admin = await signedIn(server, 'admin@birga.example');
    await admin.post('/api/territories/UZ-FA-QQ/members', { email: user.email, role: 'editor' });

    expect((await agent.delete(memberPath('UZ-FA-QQ', user.id, 'editor'))).status).toBe(204);
  });

  it('can be removed by an administrator, and by a coordinator of the territory above', async () => {
    const mahalla = await coordinatorOf('UZ-FA-FC-NAV');
    const admin = await signedIn(server, 'admin@birga.example');
    // The demo coordinator is the other one; the administrator removes both, down to none.
    const members = (await admin.get('/api/territories/UZ-FA-FC-NAV/members')).body as {
      user: { id: string };
      role: string;
    }[];
    const coordinators = members.filter((member) => member.role === 'coordinator');
    expect(coordinators).toHaveLength(2);
    for (const member of coordinators) {
      expect((await admin.delete(memberPath('UZ-FA-FC-NAV', member.user.id))).status).toBe(204);
    }

    const city = await coordinatorOf('UZ-FA-FC');
    await admin.post('/api/territories/UZ-FA-FC-NAV/members', {
      email: mahalla.user.email,
      role: 'coordinator',
    });
    const byCity = await city.agent.delete(memberPath('UZ-FA-FC-NAV', mahalla.user.id));
    expect(byCity.status).toBe(204);
  });
});
