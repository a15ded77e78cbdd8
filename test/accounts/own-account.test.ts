import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { BUILT_PASSWORD, buildUser, signedIn } from './builders';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('registering', () => {
  it('creates an account without roles and signs it in', async () => {
    const agent = new TestAgent(server.url);
    const response = await agent.post('/api/accounts', {
      email: '  Dilnoza@Example.test',
      password: 'a-long-password',
      displayName: 'Dilnoza',
    });

    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: 'dilnoza@example.test', isAdmin: false });
    expect(response.body.memberships).toEqual([]);
    expect((await agent.get('/api/me')).body.user.displayName).toBe('Dilnoza');
  });

  it('refuses an address that already has an account', async () => {
    const response = await new TestAgent(server.url).post('/api/accounts', {
      email: 'Editor1@navbahor.example',
      password: 'a-long-password',
      displayName: 'Someone',
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'email_taken', field: 'email' });
  });

  it('names the field that is wrong', async () => {
    const agent = new TestAgent(server.url);
    const shortPassword = await agent.post('/api/accounts', {
      email: 'short@example.test',
      password: 'short',
      displayName: 'Short',
    });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.error).toMatchObject({ code: 'invalid_input', field: 'password' });

    const badEmail = await agent.post('/api/accounts', {
      email: 'not-an-address',
      password: 'a-long-password',
      displayName: 'Bad',
    });
    expect(badEmail.body.error).toMatchObject({ code: 'invalid_input', field: 'email' });

    const noName = await agent.post('/api/accounts', {
      email: 'noname@example.test',
      password: 'a-long-password',
      displayName: '   ',
    });
    expect(noName.body.error).toMatchObject({ code: 'invalid_input', field: 'displayName' });
  });

  it('answers a body that is not JSON with invalid_json', async () => {
    const response = await new TestAgent(server.url).request('POST', '/api/accounts', undefined, {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(400);

    const garbage = await fetch(new URL('/api/session', server.url), {
      method: 'POST',
      headers: {
        origin: server.url.replace('127.0.0.1', 'localhost'),
        'content-type': 'application/json',
      },
      body: '{"email": ',
    });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.code).toBe('invalid_json');
  });
});

describe('changing one’s own account', () => {
  it('changes the display name', async () => {
    const user = await buildUser(server);
    const agent = await signedIn(server, user.email, BUILT_PASSWORD);
    const response = await agent.patch('/api/me', { displayName: '  Gulnora  ' });
    expect(response.status).toBe(200);
    expect(response.body.user.displayName).toBe('Gulnora');
  });

  it('changes the password and signs out the other browsers, not this one', async () => {
    const user = await buildUser(server);
    const here = await signedIn(server, user.email, BUILT_PASSWORD);
    const elsewhere = await signedIn(server, user.email, BUILT_PASSWORD);

    const wrong = await here.put('/api/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'brand-new-password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });

    const changed = await here.put('/api/me/password', {
      currentPassword: BUILT_PASSWORD,
      newPassword: 'brand-new-password',
    });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);

    const oldPassword = await new TestAgent(server.url).post('/api/session', {
      email: user.email,
      password: BUILT_PASSWORD,
    });
    expect(oldPassword.status).toBe(401);
    await signedIn(server, user.email, 'brand-new-password');
  });

  it('deletes the account with its sessions and roles once the password is confirmed', async () => {
    const user = await buildUser(server, {
      memberships: [{ territoryCode: 'UZ-FA-FC-NAV', role: 'editor' }],
    });
    const agent = await signedIn(server, user.email, BUILT_PASSWORD);
    const cookie = agent.cookieHeader;

    expect((await agent.request('DELETE', '/api/me', { password: 'wrong-password' })).status).toBe(
      400,
    );
    const deleted = await agent.request('DELETE', '/api/me', { password: BUILT_PASSWORD });
    expect(deleted.status).toBe(204);

    const replay = await new TestAgent(server.url).request('GET', '/api/me', undefined, { cookie });
    expect(replay.status).toBe(401);
    const signIn = await new TestAgent(server.url).post('/api/session', {
      email: user.email,
      password: BUILT_PASSWORD,
    });
    expect(signIn.status).toBe(401);

    const coordinator = await signedIn(server, 'coordinator@navbahor.example');
    const members = (await coordinator.get('/api/territories/UZ-FA-FC-NAV/members')).body as {
      user: { id: string };
    }[];
    expect(members.some((member) => member.user.id === user.id)).toBe(false);
  });
});
