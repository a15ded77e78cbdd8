/**
 * The process entry: reads the configuration, loads the built pages if they are there, starts the
 * server and stops it cleanly on SIGINT or SIGTERM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PageHandler } from './app';
import { readConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function loadPageHandler(): Promise<PageHandler | undefined> {
  const handlerPath = path.join(root, 'build', 'handler.js');
  if (!fs.existsSync(handlerPath)) return undefined;
  const module = (await import(pathToFileURL(handlerPath).href)) as { handler: PageHandler };
  return module.handler;
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const pageHandler = await loadPageHandler();
if (!pageHandler)
  logger.warn('build/handler.js is missing: serving the API only (run npm run build)');

const running = await startServer({ config, logger, pageHandler });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
