import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO_PASSWORD, TestAgent } from '../support/agent';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('signing in and out', () => {
  it('signs in with the right password and sets a protected session cookie', async () => {
    const agent = new TestAgent(server.url);
    const response = await agent.post('/api/session', {
      email: 'Coordinator@Navbahor.example ',
      password: DEMO_PASSWORD,
    });

    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('birga_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/);
    expect(response.body.user.email).toBe('coordinator@navbahor.example');
    expect(response.body.memberships).toEqual([
      { territoryCode: 'UZ-FA-FC-NAV', role: 'coordinator' },
    ]);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const agent = new TestAgent(server.url);
    const wrongPassword = await agent.post('/api/session', {
      email: 'editor1@navbahor.example',
      password: 'not-the-password',
    });
    const unknownEmail = await agent.post('/api/session', {
      email: 'nobody@navbahor.example',
      password: 'not-the-password',
    });

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
    expect(agent.cookies.size).toBe(0);
  });

  it('answers /api/me with the user and their roles, and 401 when signed out', async () => {
    const agent = new TestAgent(server.url);
    expect((await agent.get('/api/me')).status).toBe(401);

    await agent.signIn('authority@fergana.example');
    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'authority@fergana.example', isAdmin: false });
    expect(me.body.memberships).toEqual([{ territoryCode: 'UZ-FA-FC', role: 'authority' }]);
  });

  it('ends the session at logout, so the old cookie no longer works', async () => {
    const agent = new TestAgent(server.url);
    await agent.signIn('editor1@navbahor.example');
    const oldCookie = agent.cookieHeader;

    const logout = await agent.delete('/api/session');
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().join()).toMatch(/birga_session=;.*Max-Age=0/i);

    const replay = new TestAgent(server.url);
    const response = await replay.request('GET', '/api/me', undefined, { cookie: oldCookie });
    expect(response.status).toBe(401);
  });

  it('starts a new session at every sign-in', async () => {
    const first = await new TestAgent(server.url).signIn('editor2@navbahor.example');
    const second = await new TestAgent(server.url).signIn('editor2@navbahor.example');
    expect(first.cookieHeader).not.toBe(second.cookieHeader);

    await first.delete('/api/session');
    expect((await second.get('/api/me')).status).toBe(200);
  });

  it('ignores a forged or malformed cookie', async () => {
    const agent = new TestAgent(server.url);
    agent.cookies.set('birga_session', 'abcdefghijklmnopqrstuvwxyz234567abcdefgh');
    expect((await agent.get('/api/me')).status).toBe(401);
    agent.cookies.set('birga_session', '"; drop table users; --');
    expect((await agent.get('/api/me')).status).toBe(401);
  });

  it('refuses an unsafe request from a foreign origin', async () => {
    const agent = new TestAgent(server.url, 'https://evil.example');
    const response = await agent.post('/api/session', {
      email: 'coordinator@navbahor.example',
      password: DEMO_PASSWORD,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('bad_origin');
    expect(agent.cookies.size).toBe(0);
  });

  it('refuses an unsafe request that carries no origin at all', async () => {
    const agent = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
    const response = await fetch(new URL('/api/session', server.url), {
      method: 'DELETE',
      headers: { cookie: agent.cookieHeader },
    });
    expect(response.status).toBe(403);
    expect((await agent.get('/api/me')).status).toBe(200);
  });
});
