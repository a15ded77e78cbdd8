import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { DEMO_PASSWORD, TestAgent } from '../support/agent';

const lines: string[] = [];
let server: RunningServer;

beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'birga-logging-'));
  const config = readConfig({
    NODE_ENV: 'test',
    PORT: '0',
    BIRGA_DB: path.join(folder, 'birga.sqlite'),
    BIRGA_SEED: 'demo',
  });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  server = await startServer({ config, logger: pino({ level: 'trace' }, sink) });
});

afterAll(async () => {
  await server?.close();
});

describe('logs', () => {
  it('never contain a password, a token or a cookie', async () => {
    const coordinator = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
    const sessionToken = coordinator.cookies.get('birga_session')!;
    const invitation = await coordinator.post('/api/territories/UZ-FA-FC-NAV/invitations', {
      role: 'editor',
    });
    const newcomer = new TestAgent(server.url);
    await newcomer.post('/api/accounts', {
      email: 'newcomer@example.test',
      password: 'newcomer-secret-1',
      displayName: 'Newcomer',
    });
    await newcomer.post(`/api/invitations/${invitation.body.token}/accept`);
    await newcomer.post('/api/session', {
      email: 'newcomer@example.test',
      password: 'wrong-secret-9',
    });

    const admin = await new TestAgent(server.url).signIn('admin@birga.example');
    const me = await newcomer.get('/api/me');
    const reset = await admin.post(`/api/users/${me.body.user.id}/password-resets`);
    await newcomer.post(`/api/password-resets/${reset.body.token}`, { password: 'reset-secret-2' });

    // The pages of one-time links carry the secret in their path too.
    await newcomer.get(`/invitations/${invitation.body.token}`);
    await newcomer.get(`/reset/${reset.body.token}`);

    const log = lines.join('');
    expect(log).toContain('"msg":"request"');
    for (const secret of [
      DEMO_PASSWORD,
      'newcomer-secret-1',
      'wrong-secret-9',
      'reset-secret-2',
      sessionToken,
      invitation.body.token,
      reset.body.token,
    ]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});
