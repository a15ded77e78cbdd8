/**
 * The built SvelteKit handler, for tests that load pages from a real server. The browser tests
 * need the production build, so a missing one is an error that says what to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PageHandler } from '../../server/app';

const handlerPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../build/handler.js',
);

export async function loadPageHandler(): Promise<PageHandler> {
  if (!fs.existsSync(handlerPath)) {
    throw new Error(`${handlerPath} is missing: run npm run build first.`);
  }
  const module = (await import(pathToFileURL(handlerPath).href)) as { handler: PageHandler };
  return module.handler;
}
