/** Builds the pages into build/ (SvelteKit with adapter-node); the server runs from source. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './build-state.mjs';

export function buildPages() {
  const startedAt = Date.now();
  console.log('Building the pages…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('The page build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  console.log(`Pages built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildPages();
