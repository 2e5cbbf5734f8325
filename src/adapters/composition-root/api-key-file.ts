import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { keepSecretFile, readSecretFile, type KeptSecret, type SecretFileUnusable } from './secret-file.js';

export const API_KEY_FILE_NAME = 'api-key';

export interface ApiKeys {
  readonly keys: ReadonlyArray<string>;
  /** Set when the keys came from (or were written to) the data directory's key file. */
  readonly file: string | undefined;
  readonly generated: boolean;
}

export const apiKeyFileOf = (dataDir: string): string => join(dataDir, API_KEY_FILE_NAME);

/** The key a CLI command uses: KYC_API_KEY, else the service's key file in the data directory (if it can be read). */
export const readApiKey = (dataDir: string, env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const fromEnv = env['KYC_API_KEY'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const kept = readSecretFile(dataDir, API_KEY_FILE_NAME);
  return E.isRight(kept) ? kept.right : undefined;
};

/** The keys a start would serve with, nothing written yet: configured, kept in the data directory, or one to keep there. */
export type ApiKeyChoice =
  | { readonly kind: 'configured'; readonly keys: ReadonlyArray<string> }
  | { readonly kind: 'kept'; readonly key: string; readonly file: string }
  | { readonly kind: 'new'; readonly key: string };

export const chooseApiKeys = (configured: ReadonlyArray<string>, dataDir: string): E.Either<SecretFileUnusable, ApiKeyChoice> => {
  if (configured.length > 0) return E.right({ kind: 'configured', keys: configured });
  const kept = readSecretFile(dataDir, API_KEY_FILE_NAME);
  if (E.isLeft(kept)) return kept;
  return E.right(kept.right === undefined ? { kind: 'new', key: randomBytes(32).toString('base64url') } : { kind: 'kept', key: kept.right, file: apiKeyFileOf(dataDir) });
};

/** Keeps a new key in the data directory (256 random bits, owner-only); a key kept meanwhile by a racing start wins. */
export const keepApiKeys = (choice: ApiKeyChoice, dataDir: string): E.Either<SecretFileUnusable, ApiKeys> => {
  if (choice.kind !== 'new') return E.right(apiKeysAsRead(choice));
  return E.map((kept: KeptSecret): ApiKeys => ({ keys: [kept.value], file: kept.file, generated: kept.created }))(
    keepSecretFile(dataDir, API_KEY_FILE_NAME, () => choice.key),
  );
};

/** The keys as found, for a command that never creates one: none when none is configured or kept. */
export const apiKeysAsRead = (choice: ApiKeyChoice): ApiKeys => {
  switch (choice.kind) {
    case 'configured':
      return { keys: choice.keys, file: undefined, generated: false };
    case 'kept':
      return { keys: [choice.key], file: choice.file, generated: false };
    case 'new':
      return { keys: [], file: undefined, generated: false };
  }
};

/** The configured keys; with none configured, the key kept beside the data, created if there is none (256 random bits). */
export const ensureApiKeys = (configured: ReadonlyArray<string>, dataDir: string): E.Either<SecretFileUnusable, ApiKeys> =>
  E.flatMap(chooseApiKeys(configured, dataDir), (choice) => keepApiKeys(choice, dataDir));
