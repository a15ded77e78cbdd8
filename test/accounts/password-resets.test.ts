import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResets } from '../../server/storage/schema';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { BUILT_PASSWORD, buildUser, signedIn } from './builders';

const NAV = 'UZ-FA-FC-NAV';
let server: TestServer;
let coordinator: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
  admin = await signedIn(server, 'admin@birga.example');
});

afterAll(async () => {
  await server?.close();
});

describe('password reset links', () => {
  it('sets a new password once, and signs the person out everywhere', async () => {
    const user = await buildUser(server, { memberships: [{ territoryCode: NAV, role: 'editor' }] });
    const session = await signedIn(server, user.email, BUILT_PASSWORD);

    const issued = await coordinator.post(`/api/users/${user.id}/password-resets`);
    expect(issued.status).toBe(201);
    expect(issued.body.url).toBe(`${server.deps.config.origin}/reset/${issued.body.token}`);
    const hours = (Date.parse(issued.body.expiresAt) - Date.now()) / 3_600_000;
    expect(Math.round(hours)).toBe(24);

    const anonymous = new TestAgent(server.url);
    const preview = await anonymous.get(`/api/password-resets/${issued.body.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.email).toBe(user.email);

    const used = await anonymous.post(`/api/password-resets/${issued.body.token}`, {
      password: 'chosen-again-1',
    });
    expect(used.status).toBe(204);
    expect((await session.get('/api/me')).status).toBe(401);
    await signedIn(server, user.email, 'chosen-again-1');

    const again = await anonymous.post(`/api/password-resets/${issued.body.token}`, {
      password: 'chosen-again-2',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('password_reset_invalid');
    expect((await anonymous.get(`/api/password-resets/${issued.body.token}`)).status).toBe(404);
  });

  it('refuses an expired or unknown link', async () => {
    const user = await buildUser(server);
    const issued = await admin.post(`/api/users/${user.id}/password-resets`);
    server.deps.db
      .update(passwordResets)
      .set({ expiresAt: Date.now() - 1 })
      .run();

    const anonymous = new TestAgent(server.url);
    const expired = await anonymous.post(`/api/password-resets/${issued.body.token}`, {
      password: 'too-late-password',
    });
    expect(expired.status).toBe(404);
    const unknown = await anonymous.get('/api/password-resets/abcdefghijklmnopqrstuvwxyz234567');
    expect(unknown.status).toBe(404);
    await signedIn(server, user.email, BUILT_PASSWORD);
  });

  it('keeps the link usable when the new password is too short', async () => {
    const user = await buildUser(server);
    const issued = await admin.post(`/api/users/${user.id}/password-resets`);
    const anonymous = new TestAgent(server.url);

    const short = await anonymous.post(`/api/password-resets/${issued.body.token}`, {
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');
    expect((await anonymous.get(`/api/password-resets/${issued.body.token}`)).status).toBe(200);
  });

  it('lets a coordinator reset only people whose every role lies in their territories', async () => {
    const cityEditor = await buildUser(server, {
      memberships: [
        { territoryCode: NAV, role: 'resident' },
        { territoryCode: 'UZ-FA-FC', role: 'editor' },
      ],
    });
    expect((await coordinator.post(`/api/users/${cityEditor.id}/password-resets`)).status).toBe(
      403,
    );

    const stranger = await buildUser(server);
    expect((await coordinator.post(`/api/users/${stranger.id}/password-resets`)).status).toBe(403);

    const adminUser = await buildUser(server, {
      isAdmin: true,
      memberships: [{ territoryCode: NAV, role: 'resident' }],
    });
    expect((await coordinator.post(`/api/users/${adminUser.id}/password-resets`)).status).toBe(403);
    expect((await admin.post(`/api/users/${stranger.id}/password-resets`)).status).toBe(201);
    expect((await admin.post('/api/users/nobody/password-resets')).status).toBe(404);
  });
});

describe('a coordinator cannot take over an account', () => {
  it('may neither give a role-less account a role directly nor issue it a reset link', async () => {
    const stranger = await buildUser(server);

    const granted = await coordinator.post(`/api/territories/${NAV}/members`, {
      email: stranger.email,
      role: 'resident',
    });
    expect(granted.status).toBe(403);
    expect((await coordinator.post(`/api/users/${stranger.id}/password-resets`)).status).toBe(403);

    // Through an invitation the person consents, and only then is within the coordinator's reach.
    const invitation = await coordinator.post(`/api/territories/${NAV}/invitations`, {
      role: 'resident',
    });
    const strangerSession = await signedIn(server, stranger.email, BUILT_PASSWORD);
    expect(
      (await strangerSession.post(`/api/invitations/${invitation.body.token}/accept`)).status,
    ).toBe(200);
    expect((await coordinator.post(`/api/users/${stranger.id}/password-resets`)).status).toBe(201);
  });
});
