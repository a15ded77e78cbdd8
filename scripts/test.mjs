/**
 * `npm test`: the whole suite. The browser tests drive the built pages, so the pages are built
 * first when they are missing or stale; then the static checks (formatting, types of the server
 * and of the pages) and Vitest, which runs every test once. A last line sums up the counts in the
 * plain form CI reads ("N passed, N failed, N skipped").
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pagesNeedBuild, root } from './build-state.mjs';
import { buildPages } from './build.mjs';

if (pagesNeedBuild()) buildPages();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const staticChecks = [
  ['formatting', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['types', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['pages', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--threshold', 'error']],
];
if (process.env.BIRGA_SKIP_CHECKS !== '1') {
  for (const [name, command, args] of staticChecks) {
    const check = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (check.status !== 0) {
      console.error(`The ${name} check failed; see above.`);
      console.log('\n0 passed, 1 failed, 0 skipped');
      process.exit(check.status ?? 1);
    }
  }
  console.log('Static checks passed: formatting, types, pages.');
}

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
  // A file whose setup failed (say, Chromium missing) runs none of its tests and Vitest counts
  // them as skipped; here they count as failed, so the last line never reads "0 failed" then.
  let failed = 0;
  let skipped = 0;
  for (const file of summary.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'failed') failed += 1;
      else if (test.status !== 'passed') {
        if (file.status === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    // A file that failed before it declared any test (an import error) still counts once.
    if (file.status === 'failed' && file.assertionResults.length === 0) failed += 1;
  }
  console.log(`\n${summary.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
}
process.exit(result.status ?? 1);
