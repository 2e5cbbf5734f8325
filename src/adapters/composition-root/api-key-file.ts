import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { ApiKeyGrant } from '../http-service/api-key-roles.js';
import { keepSecretFile, readSecretFile, type SecretFileUnusable } from './secret-file.js';

export const API_KEY_FILE_NAME = 'api-key';
/** Beside the platform's key: a read-only key for auditors (and the auditors' console). */
export const AUDITOR_API_KEY_FILE_NAME = 'auditor-api-key';

export interface ApiKeys {
  /** Every key the service takes, with its role. */
  readonly keys: ReadonlyArray<ApiKeyGrant>;
  /** Set when the keys came from (or were written to) the data directory's key files: the platform key's file. */
  readonly file: string | undefined;
  /** The auditor key's file, beside `file`. */
  readonly auditorFile: string | undefined;
  /** Whether this start created the platform key's file. */
  readonly generated: boolean;
}

export const apiKeyFileOf = (dataDir: string): string => join(dataDir, API_KEY_FILE_NAME);
export const auditorApiKeyFileOf = (dataDir: string): string => join(dataDir, AUDITOR_API_KEY_FILE_NAME);

const keyFrom = (variable: string, fileName: string) => (dataDir: string, env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const kept = readSecretFile(dataDir, fileName);
  return E.isRight(kept) ? kept.right : undefined;
};

/** The key a CLI command uses: KYC_API_KEY, else the service's platform key file in the data directory (if it can be read). */
export const readApiKey = keyFrom('KYC_API_KEY', API_KEY_FILE_NAME);

/** An auditor's key: KYC_AUDITOR_API_KEY, else the service's auditor key file in the data directory (if it can be read). */
export const readAuditorApiKey = keyFrom('KYC_AUDITOR_API_KEY', AUDITOR_API_KEY_FILE_NAME);

const generateKey = (): string => randomBytes(32).toString('base64url');

/**
 * The configured keys; with none configured, a platform key and an auditor key kept beside the data (owner-only),
 * each created on first start (256 random bits).
 */
export const ensureApiKeys = (configured: ReadonlyArray<ApiKeyGrant>, dataDir: string): E.Either<SecretFileUnusable, ApiKeys> => {
  if (configured.length > 0) return E.right({ keys: configured, file: undefined, auditorFile: undefined, generated: false });
  const platform = keepSecretFile(dataDir, API_KEY_FILE_NAME, generateKey);
  if (E.isLeft(platform)) return platform;
  const auditor = keepSecretFile(dataDir, AUDITOR_API_KEY_FILE_NAME, generateKey);
  if (E.isLeft(auditor)) return auditor;
  return E.right({
    keys: [
      { key: platform.right.value, role: 'platform' },
      { key: auditor.right.value, role: 'auditor' },
    ],
    file: platform.right.file,
    auditorFile: auditor.right.file,
    generated: platform.right.created,
  });
};

/** The first platform key among them (what an in-process CLI run talks to the service with). */
export const platformKeyOf = (keys: ApiKeys): string | undefined => keys.keys.find((grant) => grant.role === 'platform')?.key;
