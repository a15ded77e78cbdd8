/**
 * Opens the SQLite file and applies migrations. WAL lets readers (backups, page loads) run beside
 * the writer; synchronous=FULL makes every commit fsync the WAL, which is what lets the
 * collaboration server promise that an edit another client has seen survives kill -9.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type BirgaDatabase = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
};

/** migrations/ sits at the repository root, both beside the sources and beside the built bundle. */
export function findMigrationsFolder(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = path.join(folder, 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    folder = path.dirname(folder);
  }
  throw new Error('The migrations folder was not found beside the server.');
}

export function openDatabase(databasePath: string): BirgaDatabase {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = new Database(databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');

  const database = drizzle(sqlite, { schema }) as BirgaDatabase;
  migrate(database, { migrationsFolder: findMigrationsFolder() });
  return database;
}
