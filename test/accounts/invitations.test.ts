import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invitations } from '../../server/storage/schema';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { BUILT_PASSWORD, buildUser, signedIn } from './builders';

const NAV = 'UZ-FA-FC-NAV';
let server: TestServer;
let coordinator: TestAgent;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
});

afterAll(async () => {
  await server?.close();
});

async function invite(body: { role: string; email?: string }) {
  const response = await coordinator.post(`/api/territories/${NAV}/invitations`, body);
  expect(response.status).toBe(201);
  return response.body as { id: string; token: string; url: string; expiresAt: string };
}

describe('invitation links', () => {
  it('gives the role once, and refuses the same link the second time', async () => {
    const invitation = await invite({ role: 'editor' });
    expect(invitation.url).toBe(`${server.deps.config.origin}/invitations/${invitation.token}`);
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(14);

    const preview = await new TestAgent(server.url).get(`/api/invitations/${invitation.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ role: 'editor', territory: { code: NAV } });

    const first = await buildUser(server);
    const firstAgent = await signedIn(server, first.email, BUILT_PASSWORD);
    const accepted = await firstAgent.post(`/api/invitations/${invitation.token}/accept`);
    expect(accepted.status).toBe(200);
    expect((await firstAgent.get('/api/me')).body.memberships).toEqual([
      { territoryCode: NAV, role: 'editor' },
    ]);
    const draft = await firstAgent.get(`/api/territories/${NAV}/strategies/2027`);
    expect(draft.body.access).toBe('edit');

    const second = await buildUser(server);
    const secondAgent = await signedIn(server, second.email, BUILT_PASSWORD);
    const reused = await secondAgent.post(`/api/invitations/${invitation.token}/accept`);
    expect(reused.status).toBe(404);
    expect(reused.body.error.code).toBe('invitation_invalid');
    expect((await secondAgent.get('/api/me')).body.memberships).toEqual([]);
    expect((await secondAgent.get(`/api/invitations/${invitation.token}`)).status).toBe(404);
  });

  it('needs a signed-in person to accept', async () => {
    const invitation = await invite({ role: 'resident' });
    const anonymous = await new TestAgent(server.url).post(
      `/api/invitations/${invitation.token}/accept`,
    );
    expect(anonymous.status).toBe(401);
    expect(
      (await new TestAgent(server.url).get(`/api/invitations/${invitation.token}`)).status,
    ).toBe(200);
  });

  it('refuses an unknown, a malformed and an expired link alike', async () => {
    const agent = await signedIn(server, 'resident2@navbahor.example');
    const unknown = await agent.post('/api/invitations/abcdefghijklmnopqrstuvwxyz234567/accept');
    const malformed = await agent.get('/api/invitations/..%2F..%2Fetc');

    const invitation = await invite({ role: 'resident' });
    server.deps.db
      .update(invitations)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(invitations.id, invitation.id))
      .run();
    const expired = await agent.post(`/api/invitations/${invitation.token}/accept`);

    for (const response of [unknown, malformed, expired]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('invitation_invalid');
    }
  });

  it('stops working once revoked, and no longer appears in the open list', async () => {
    const invitation = await invite({ role: 'expert' });
    const listed = (await coordinator.get(`/api/territories/${NAV}/invitations`)).body as {
      id: string;
      token?: string;
    }[];
    expect(listed.find((entry) => entry.id === invitation.id)).toBeDefined();
    expect(listed.every((entry) => entry.token === undefined)).toBe(true);

    expect((await coordinator.delete(`/api/invitations/${invitation.id}`)).status).toBe(204);
    const after = (await coordinator.get(`/api/territories/${NAV}/invitations`)).body as {
      id: string;
    }[];
    expect(after.find((entry) => entry.id === invitation.id)).toBeUndefined();
    expect(
      (await new TestAgent(server.url).get(`/api/invitations/${invitation.token}`)).status,
    ).toBe(404);
  });

  it('stores only the hash of the token', async () => {
    const invitation = await invite({ role: 'resident' });
    const row = server.deps.db
      .select()
      .from(invitations)
      .where(eq(invitations.id, invitation.id))
      .get();
    expect(row?.tokenHash).not.toBe(invitation.token);
    expect(JSON.stringify(row)).not.toContain(invitation.token);
  });

  it('lets only the invited address accept an invitation made for it', async () => {
    const invited = await buildUser(server);
    const invitation = await invite({ role: 'resident', email: invited.email.toUpperCase() });

    const someoneElse = await signedIn(server, 'resident3@navbahor.example');
    const refused = await someoneElse.post(`/api/invitations/${invitation.token}/accept`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('invitation_for_other_address');
    expect(refused.text).not.toContain(invited.email);

    const agent = await signedIn(server, invited.email, BUILT_PASSWORD);
    expect((await agent.post(`/api/invitations/${invitation.token}/accept`)).status).toBe(200);
  });

  it('tells in the preview, before anyone accepts, that the link is for another address', async () => {
    const invitation = await invite({ role: 'editor', email: 'dilshod@navbahor.example' });
    const path = `/api/invitations/${invitation.token}`;

    const someoneElse = await signedIn(server, 'resident3@navbahor.example');
    const forOther = await someoneElse.get(path);
    expect(forOther.body).toMatchObject({
      invitedAddress: 'd***@navbahor.example',
      forAnotherAddress: true,
    });
    expect(forOther.text).not.toContain('dilshod');

    const anonymous = await new TestAgent(server.url).get(path);
    expect(anonymous.body).toMatchObject({
      invitedAddress: 'd***@navbahor.example',
      forAnotherAddress: false,
    });

    const open = await invite({ role: 'editor' });
    const openPreview = await someoneElse.get(`/api/invitations/${open.token}`);
    expect(openPreview.body).toMatchObject({ invitedAddress: null, forAnotherAddress: false });
  });

  it('lets a coordinator of a city invite into its mahallas, not a mahalla coordinator upwards', async () => {
    const cityCoordinator = await buildUser(server, {
      memberships: [{ territoryCode: 'UZ-FA-FC', role: 'coordinator' }],
    });
    const city = await signedIn(server, cityCoordinator.email, BUILT_PASSWORD);
    const below = await city.post(`/api/territories/${NAV}/invitations`, { role: 'editor' });
    expect(below.status).toBe(201);

    const upwards = await coordinator.post('/api/territories/UZ-FA-FC/invitations', {
      role: 'editor',
    });
    expect(upwards.status).toBe(403);
  });

  it('names the bad field of an invitation', async () => {
    const response = await coordinator.post(`/api/territories/${NAV}/invitations`, {
      role: 'mayor',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_input', field: 'role' });

    const badCode = await coordinator.post('/api/territories/not-a-code/invitations', {
      role: 'editor',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.field).toBe('code');
  });
});
