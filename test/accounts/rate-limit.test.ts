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

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after ten wrong passwords for one email in a minute', async () => {
    const agent = new TestAgent(server.url);
    const attempt = (password: string) =>
      agent.post('/api/session', { email: 'resident3@navbahor.example', password });

    for (let count = 0; count < 10; count += 1) {
      expect((await attempt('wrong-password')).status).toBe(401);
    }
    const limited = await attempt('wrong-password');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Even the right password waits: otherwise the limit would tell a guesser when they are right.
    expect((await attempt(DEMO_PASSWORD)).status).toBe(429);
  });

  it('keeps other accounts signing in while one is limited', async () => {
    const agent = new TestAgent(server.url);
    for (let count = 0; count < 11; count += 1) {
      await agent.post('/api/session', { email: 'resident4@navbahor.example', password: 'nope' });
    }
    await agent.signIn('resident5@navbahor.example');
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('limits guesses from one address across many emails', async () => {
    const agent = new TestAgent(server.url);
    const statuses: number[] = [];
    for (let count = 0; count < 60; count += 1) {
      const response = await agent.post('/api/session', {
        email: `guess-${count}@example.test`,
        password: 'wrong-password',
      });
      statuses.push(response.status);
    }
    expect(statuses.includes(429)).toBe(true);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(20);
  });
});
