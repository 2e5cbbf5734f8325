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

/** The configured keys; with none configured, the key kept beside the data, created on first start (256 random bits). */
export const ensureApiKeys = (configured: ReadonlyArray<string>, dataDir: string): E.Either<SecretFileUnusable, ApiKeys> => {
  if (configured.length > 0) return E.right({ keys: configured, file: undefined, generated: false });
  return E.map((kept: KeptSecret): ApiKeys => ({ keys: [kept.value], file: kept.file, generated: kept.created }))(
    keepSecretFile(dataDir, API_KEY_FILE_NAME, () => randomBytes(32).toString('base64url')),
  );
};
