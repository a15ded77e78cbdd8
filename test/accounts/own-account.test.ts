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

describe('what a display name and a new password may hold', () => {
  const disguises = {
    NUL: 'Ali\u0000',
    tab: 'Ali\tVali',
    newline: 'Ali\nVali',
    'right-to-left override': 'Ali \u202Enimda',
    'left-to-right embedding': '\u202AAli',
    'first-strong isolate': 'Ali\u2068 admin\u2069',
    'pop directional isolate': 'Ali\u2069',
  };

  it.each(Object.entries(disguises))(
    'refuses a name with a %s, when registering and when renaming',
    async (_what, name) => {
      const registered = await new TestAgent(server.url).post('/api/accounts', {
        email: `disguise-${Date.now()}-${Math.random()}@example.test`,
        password: 'a-long-password',
        displayName: name,
      });
      expect(registered.status).toBe(400);
      expect(registered.body.error).toMatchObject({ code: 'invalid_input', field: 'displayName' });

      const user = await buildUser(server);
      const agent = await signedIn(server, user.email, BUILT_PASSWORD);
      const renamed = await agent.patch('/api/me', { displayName: name });
      expect(renamed.status).toBe(400);
      expect(renamed.body.error).toMatchObject({ code: 'invalid_input', field: 'displayName' });
      expect((await agent.get('/api/me')).body.user.displayName).toBe(user.displayName);
    },
  );

  it.each([
    'Gʻulom Toʻxtayev',
    "G'ulom To'xtayev",
    'G‘ulom To’xtayev',
    'Gʼulom Toʼxtayev',
    'Ғулом Тўхтаев',
    'Dilnoza 👩🏽‍🏫',
  ])('keeps the name "%s" exactly as typed', async (name) => {
    const agent = new TestAgent(server.url);
    const registered = await agent.post('/api/accounts', {
      email: `kept-${Date.now()}-${Math.random()}@example.test`,
      password: 'a-long-password',
      displayName: name,
    });
    expect(registered.status).toBe(201);
    expect(Buffer.from(registered.body.user.displayName)).toEqual(Buffer.from(name));

    const renamed = await agent.patch('/api/me', { displayName: `${name} ` });
    expect(Buffer.from(renamed.body.user.displayName)).toEqual(Buffer.from(name));
  });

  it('refuses a password of only spaces wherever one is chosen', async () => {
    const blank = ' '.repeat(12);
    const registered = await new TestAgent(server.url).post('/api/accounts', {
      email: 'blank-password@example.test',
      password: blank,
      displayName: 'Blank',
    });
    expect(registered.status).toBe(400);
    expect(registered.body.error).toMatchObject({ code: 'invalid_input', field: 'password' });

    const user = await buildUser(server);
    const agent = await signedIn(server, user.email, BUILT_PASSWORD);
    const changed = await agent.put('/api/me/password', {
      currentPassword: BUILT_PASSWORD,
      newPassword: ' \t '.repeat(4),
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error).toMatchObject({ code: 'invalid_input', field: 'newPassword' });

    const admin = await signedIn(server, 'admin@birga.example');
    const link = await admin.post(`/api/users/${user.id}/password-resets`);
    const reset = await new TestAgent(server.url).post(`/api/password-resets/${link.body.token}`, {
      password: blank,
    });
    expect(reset.status).toBe(400);
    expect(reset.body.error).toMatchObject({ code: 'invalid_input', field: 'password' });
    await signedIn(server, user.email, BUILT_PASSWORD);

    const spacedOut = await agent.put('/api/me/password', {
      currentPassword: BUILT_PASSWORD,
      newPassword: '  spaced out  ',
    });
    expect(spacedOut.status).toBe(204);
  });
});
