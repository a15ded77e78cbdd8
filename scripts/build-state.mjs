/**
 * Whether the built pages (build/) are older than their sources, so `npm start` and `npm test`
 * build only when they must.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtHandler = path.join(root, 'build', 'handler.js');
const sources = ['web', 'shared', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestModification(entry) {
  const stats = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestModification(path.join(entry, child)));
  }
  return newest;
}

export function pagesNeedBuild() {
  const built = fs.statSync(builtHandler, { throwIfNoEntry: false });
  if (!built) return true;
  const newestSource = Math.max(
    ...sources.map((source) => newestModification(path.join(root, source))),
  );
  return newestSource > built.mtimeMs;
}
