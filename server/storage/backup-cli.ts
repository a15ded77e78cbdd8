/**
 * `npm run backup -- <file> [--force]`: writes a consistent copy of the BIRGA_DB database (default
 * ./data/birga.sqlite) to <file>, also while the server runs. It never overwrites a file unless
 * told, and never creates the file's folder: a typo in the path fails instead of hiding the
 * backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from './backup';

const usage = 'Usage: npm run backup -- <file> [--force]';

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const files = argv.filter((argument) => !argument.startsWith('--'));
  if (files.length !== 1) {
    console.error(usage);
    return 2;
  }
  const sourcePath = path.resolve(process.env.BIRGA_DB ?? './data/birga.sqlite');
  const targetPath = path.resolve(files[0]!);
  if (targetPath === sourcePath) {
    console.error('The backup must go to another file than the database itself.');
    return 2;
  }
  const targetFolder = path.dirname(targetPath);
  if (!fs.statSync(targetFolder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(
      `The folder ${targetFolder} does not exist; create it first, then run the backup.`,
    );
    return 1;
  }
  if (fs.existsSync(targetPath)) {
    if (!force) {
      console.error(`${targetPath} already exists; add --force to overwrite it.`);
      return 1;
    }
    fs.rmSync(targetPath);
  }

  const result = await backupDatabase(sourcePath, targetPath);
  console.log(`Backed up ${sourcePath} to ${result.targetPath} (${result.totalPages} pages).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
