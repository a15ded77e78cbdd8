/**
 * `npm test`: the whole suite. The browser tests drive the built pages, so the pages are built
 * first when they are missing or stale; then Vitest runs every test once, and a last line sums
 * up the counts in the plain form CI reads ("N passed, N failed, N skipped").
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pagesNeedBuild, root } from './build-state.mjs';
import { buildPages } from './build.mjs';

if (pagesNeedBuild()) buildPages();

const summaryFile = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'birga-tests-')),
  'summary.json',
);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${summaryFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);

if (fs.existsSync(summaryFile)) {
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`,
  );
}
process.exit(result.status ?? 1);
