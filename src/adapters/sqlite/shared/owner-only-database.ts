import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens a SQLite database whose file, when this call creates it, only its owner may read or write (0600): it holds
 * the events, the read model and the wrapped personal-data keys. SQLite gives the -wal and -shm files it creates the
 * database file's own permissions, so they follow. A file that already exists keeps the mode its owner gave it.
 */
export const openOwnerOnlyDatabase = (filename: string): Database.Database => {
  if (filename !== ':memory:' && filename !== '') {
    mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
    try {
      closeSync(openSync(filename, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return new Database(filename);
};
