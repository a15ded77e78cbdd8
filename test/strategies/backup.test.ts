import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../server/storage/backup';
import { startTestServer, type TestServer } from '../support/server';
import { signedIn } from '../accounts/builders';

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

function readCopy(file: string) {
  const copy = new Database(file, { readonly: true });
  try {
    return {
      integrity: copy.pragma('integrity_check', { simple: true }),
      strategies: copy.prepare('select territory_code, year from strategies').all(),
      users: (copy.prepare('select count(*) as count from users').get() as { count: number }).count,
    };
  } finally {
    copy.close();
  }
}

describe('backups', () => {
  it('copies the database while the server runs and keeps writing', async () => {
    const coordinator = await signedIn(server, 'coordinator@navbahor.example');
    const target = path.join(server.folder, 'copy.sqlite');

    const writes = Promise.all(
      [2032, 2033, 2034].map((year) =>
        coordinator.post('/api/territories/UZ-FA-FC-NAV/strategies', { year, title: 'Reja' }),
      ),
    );
    await backupDatabase(server.databasePath, target);
    await writes;

    const copy = readCopy(target);
    expect(copy.integrity).toBe('ok');
    expect(copy.users).toBe(11);
    expect(copy.strategies).toContainEqual({ territory_code: 'UZ-FA-FC-NAV', year: 2027 });
  });

  it('writes a copy from the command line and refuses to overwrite one without --force', async () => {
    const target = path.join(server.folder, 'cli-copy.sqlite');
    const env = { ...process.env, BIRGA_DB: server.databasePath };
    const cli = ['tsx', 'server/storage/backup-cli.ts', target];

    const first = await run('npx', cli, { env });
    expect(first.stdout).toContain('Backed up');
    expect(readCopy(target).integrity).toBe('ok');

    await expect(run('npx', cli, { env })).rejects.toMatchObject({ code: 1 });
    const forced = await run('npx', [...cli, '--force'], { env });
    expect(forced.stdout).toContain('Backed up');
    expect(fs.statSync(target).size).toBeGreaterThan(0);
  });

  it('refuses a target folder that does not exist instead of creating it', async () => {
    const folder = path.join(server.folder, 'no-such-folder');
    const env = { ...process.env, BIRGA_DB: server.databasePath };
    const cli = ['tsx', 'server/storage/backup-cli.ts', path.join(folder, 'copy.sqlite')];

    const refused = run('npx', cli, { env });
    await expect(refused).rejects.toMatchObject({ code: 1 });
    await expect(refused).rejects.toMatchObject({
      stderr: expect.stringContaining(`The folder ${folder} does not exist`),
    });
    expect(fs.existsSync(folder)).toBe(false);
    await expect(
      backupDatabase(server.databasePath, path.join(folder, 'x.sqlite')),
    ).rejects.toThrow('does not exist');
    expect(fs.existsSync(folder)).toBe(false);
  });
});
