import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 'none' });
});

afterAll(async () => {
  await server?.close();
});

function admin(
  args: string[],
  options: { password?: string; stdin?: string; databasePath?: string } = {},
) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BIRGA_DB: options.databasePath ?? server.databasePath,
  };
  if (options.password) env.BIRGA_ADMIN_PASSWORD = options.password;
  else delete env.BIRGA_ADMIN_PASSWORD;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // node --import tsx rather than npx: the same program, without npx's start-up on every call.
    const command = ['--import', 'tsx', 'server/accounts/admin-cli.ts', ...args];
    const child = spawn(process.execPath, command, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

describe('the admin command', () => {
  it('creates a platform administrator with a password from the environment, never printing it', async () => {
    const result = await admin(['create', 'Root@Birga.test'], { password: 'root-password-1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('root@birga.test');
    expect(result.stdout + result.stderr).not.toContain('root-password-1');

    const agent = await new TestAgent(server.url).signIn('root@birga.test', 'root-password-1');
    expect((await agent.get('/api/me')).body.user.isAdmin).toBe(true);
    expect((await agent.get('/api/admin/users')).status).toBe(200);
  });

  it('reads the password from stdin when it is not a terminal', async () => {
    const result = await admin(['create', 'piped@birga.test'], { stdin: 'piped-password-1\n' });
    expect(result.code).toBe(0);
    await new TestAgent(server.url).signIn('piped@birga.test', 'piped-password-1');
  });

  it('promotes an existing account without touching its password', async () => {
    const agent = new TestAgent(server.url);
    await agent.post('/api/accounts', {
      email: 'later@birga.test',
      password: 'own-password-1',
      displayName: 'Later',
    });
    expect((await agent.get('/api/me')).body.user.isAdmin).toBe(false);

    const result = await admin(['create', 'later@birga.test']);
    expect(result.code).toBe(0);
    expect((await agent.get('/api/me')).body.user.isAdmin).toBe(true);
  });

  it('refuses a short password and a missing email', async () => {
    expect((await admin(['create', 'weak@birga.test'], { password: 'short' })).code).toBe(2);
    expect((await admin(['create'])).code).toBe(2);
    expect(
      (
        await new TestAgent(server.url).post('/api/session', {
          email: 'weak@birga.test',
          password: 'short',
        })
      ).status,
    ).toBe(401);
  });
});

describe('revoking platform administration', () => {
  let platform: TestServer;

  beforeAll(async () => {
    platform = await startTestServer({ seed: 'none' });
  });

  afterAll(async () => {
    await platform?.close();
  });

  const on = (args: string[], password?: string) =>
    admin(args, { password, databasePath: platform.databasePath });

  it('takes the rights away at once, keeps the account, and never removes the last one', async () => {
    expect((await on(['create', 'first@birga.test'], 'first-password-1')).code).toBe(0);
    expect((await on(['create', 'second@birga.test'], 'second-password-1')).code).toBe(0);
    const first = await new TestAgent(platform.url).signIn('first@birga.test', 'first-password-1');
    const second = await new TestAgent(platform.url).signIn(
      'second@birga.test',
      'second-password-1',
    );

    const revoked = await on(['revoke', 'First@Birga.test']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('first@birga.test is no longer a platform administrator');
    expect((await first.get('/api/me')).body.user.isAdmin).toBe(false);
    expect((await first.get('/api/admin/users')).status).toBe(403);

    const last = await on(['revoke', 'second@birga.test']);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last platform administrator');
    expect((await second.get('/api/admin/users')).status).toBe(200);

    const again = await on(['revoke', 'first@birga.test']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('not a platform administrator');
  });

  it('refuses an unknown account and a missing address', async () => {
    const unknown = await on(['revoke', 'nobody@birga.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account');
    expect((await on(['revoke'])).code).toBe(2);
    expect((await on(['demote', 'second@birga.test'])).code).toBe(2);
  });
});
