import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A secret the service keeps beside its data, trimmed; undefined when the file is absent or empty. */
export const readSecretFile = (dataDir: string, name: string): string | undefined => {
  try {
    return readFileSync(join(dataDir, name), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
};

/**
 * Writes a generated secret beside the data, owner-only (0600, in a 0700 directory), moved into place whole
 * so no reader ever sees half of it. Returns the file's path.
 */
export const createSecretFile = (dataDir: string, name: string, secret: string): string => {
  const file = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
};
