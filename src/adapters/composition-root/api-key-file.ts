import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createSecretFile, readSecretFile } from './secret-file.js';

export const API_KEY_FILE_NAME = 'api-key';

export interface ApiKeys {
  readonly keys: ReadonlyArray<string>;
  /** Set when the keys came from (or were written to) the data directory's key file. */
  readonly file: string | undefined;
  readonly generated: boolean;
}

export const apiKeyFileOf = (dataDir: string): string => join(dataDir, API_KEY_FILE_NAME);

/** The key a CLI command uses: KYC_API_KEY, else the service's key file in the data directory. */
export const readApiKey = (dataDir: string, env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const fromEnv = env['KYC_API_KEY'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return readSecretFile(dataDir, API_KEY_FILE_NAME);
};

/** The configured keys; with none configured, the key kept beside the data, created on first start (256 random bits). */
export const ensureApiKeys = (configured: ReadonlyArray<string>, dataDir: string): ApiKeys => {
  if (configured.length > 0) return { keys: configured, file: undefined, generated: false };
  const existing = readSecretFile(dataDir, API_KEY_FILE_NAME);
  if (existing !== undefined) return { keys: [existing], file: apiKeyFileOf(dataDir), generated: false };
  const key = randomBytes(32).toString('base64url');
  return { keys: [key], file: createSecretFile(dataDir, API_KEY_FILE_NAME, key), generated: true };
};
