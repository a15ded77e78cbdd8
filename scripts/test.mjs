/**
 * `npm test`: the whole suite. The browser tests drive the built pages, so the pages are built
 * first when they are missing or stale; then Vitest runs every test once.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pagesNeedBuild, root } from './build-state.mjs';
import { buildPages } from './build.mjs';

if (pagesNeedBuild()) buildPages();

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
