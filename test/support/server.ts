/**
 * Starts a real Birga server for a test: a fresh SQLite file in its own temporary folder, a
 * loopback port chosen by the system, and silent logs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig, type SeedMode } from '../../server/config';
import type { PageHandler } from '../../server/app';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';

export interface TestServer extends RunningServer {
  databasePath: string;
  folder: string;
}

export async function startTestServer(
  options: { seed?: SeedMode; pageHandler?: PageHandler; databasePath?: string } = {},
): Promise<TestServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'birga-test-'));
  const databasePath = options.databasePath ?? path.join(folder, 'birga.sqlite');
  const config = readConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    BIRGA_DB: databasePath,
    BIRGA_SEED: options.seed ?? 'demo',
    LOG_LEVEL: 'silent',
  });
  const running = await startServer({
    config,
    logger: createLogger('silent'),
    pageHandler: options.pageHandler,
  });
  return { ...running, databasePath, folder };
}
