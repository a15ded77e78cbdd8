/**
 * A consistent copy of the database while the server keeps running, through SQLite's online backup:
 * it copies pages in steps and restarts a step when a writer changed them, so the copy is one
 * committed state even in the middle of co-editing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  targetPath: string;
  totalPages: number;
}

export async function backupDatabase(
  sourcePath: string,
  targetPath: string,
): Promise<BackupResult> {
  if (!fs.existsSync(sourcePath)) throw new Error(`There is no database at ${sourcePath}.`);
  const folder = path.dirname(path.resolve(targetPath));
  // A mistyped folder would otherwise be created silently and the backups land where nobody looks.
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`The folder ${folder} does not exist; create it first, then run the backup.`);
  }

  // Not read-only: a WAL database may need its shared-memory file created to be read.
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const progress = await source.backup(targetPath);
    return { targetPath, totalPages: progress.totalPages };
  } finally {
    source.close();
  }
}
