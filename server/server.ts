/**
 * Starts Birga: opens and migrates the database, seeds an empty one when asked, then serves the
 * API, the pages and the collaboration socket on one port. It listens only once all that is done.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, type PageHandler } from './app';
import { CollaborationHub } from './collaboration/hub';
import type { BirgaConfig } from './config';
import type { AppDeps } from './http/context';
import { createLogger, type Logger } from './logger';
import { seedIfEmpty } from './seed/seed';
import { openDatabase } from './storage/database';

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

export interface StartOptions {
  config: BirgaConfig;
  logger?: Logger;
  pageHandler?: PageHandler;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = { ...options.config };
  const logger = options.logger ?? createLogger(config.logLevel);
  const log = logger.child({ module: 'server' });

  const db = openDatabase(config.databasePath);
  const seeded = await seedIfEmpty(db, config.seed);
  if (seeded) log.info({ seed: config.seed }, 'seeded an empty database');

  const collaboration = new CollaborationHub({ db, config, logger });
  const deps: AppDeps = { db, config, logger, collaboration };
  const app = createApp(deps, options.pageHandler);

  const server = http.createServer(getRequestListener(app.fetch));
  server.on('upgrade', (request, socket, head) =>
    collaboration.handleUpgrade(request, socket, head),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // A test or a benchmark asks for port 0; the origin check must then know the real one.
  if (config.port === 0) {
    config.port = port;
    if (config.origin.endsWith(':0')) config.origin = `http://localhost:${port}`;
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url, database: config.databasePath }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await collaboration.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.$client.close();
      log.info('stopped');
    })();
    return closing;
  };

  return { url, port, deps, close };
}
