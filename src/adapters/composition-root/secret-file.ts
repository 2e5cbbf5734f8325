import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';

/** A secret file that exists but cannot serve: never replaced, since what it holds may still be needed. */
export interface SecretFileUnusable {
  readonly type: 'SECRET_FILE_UNUSABLE';
  readonly message: string;
}

const codeOf = (error: unknown): string => (error instanceof Error && 'code' in error ? String(error.code) : 'unknown cause');
const unusable = (file: string, what: string): E.Either<SecretFileUnusable, never> =>
  E.left({ type: 'SECRET_FILE_UNUSABLE', message: `${file} ${what}: restore it (or remove it to start afresh, losing what it protected)` });

/** The secret kept in `<dataDir>/<name>`, trimmed: undefined only when there is no such file. */
export const readSecretFile = (dataDir: string, name: string): E.Either<SecretFileUnusable, string | undefined> => {
  const file = join(dataDir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    return codeOf(error) === 'ENOENT' ? E.right(undefined) : unusable(file, `cannot be read (${codeOf(error)})`);
  }
  return text === '' ? unusable(file, 'is empty') : E.right(text);
};

export interface KeptSecret {
  readonly value: string;
  readonly file: string;
  /** True when this call generated and wrote it. */
  readonly created: boolean;
}

/**
 * The secret kept in `<dataDir>/<name>`, or, when there is none, one from `generate` written there: owner-only
 * (0600, in a 0700 directory), complete before it appears (written aside, then linked into place), and never over
 * an existing file. Two processes starting at once on a fresh directory both end up with the one that was kept;
 * a file that exists but cannot be read is an error, never replaced (the master key's loss would erase everyone).
 */
export const keepSecretFile = (dataDir: string, name: string, generate: () => string): E.Either<SecretFileUnusable, KeptSecret> => {
  const file = join(dataDir, name);
  const existing = readSecretFile(dataDir, name);
  if (E.isLeft(existing)) return existing;
  if (existing.right !== undefined) return E.right({ value: existing.right, file, created: false });
  const value = generate();
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${value}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600);
    linkSync(temporary, file);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') return unusable(file, `cannot be created (${codeOf(error)})`);
    const kept = readSecretFile(dataDir, name);
    if (E.isLeft(kept)) return kept;
    return kept.right === undefined ? unusable(file, 'vanished while being created') : E.right({ value: kept.right, file, created: false });
  } finally {
    rmSync(temporary, { force: true });
  }
  return E.right({ value, file, created: true });
};
