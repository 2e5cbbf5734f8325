import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { ApiKeyGrant } from '../shared/http/index.js';
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

/** A key of the data directory as a start finds it: kept in its file, or one to keep there (nothing written yet). */
type FileKey = { readonly kind: 'kept'; readonly key: string } | { readonly kind: 'new'; readonly key: string };

/** The keys a start would serve with, nothing written yet: configured, or the data directory's platform and auditor keys. */
export type ApiKeyChoice =
  | { readonly kind: 'configured'; readonly keys: ReadonlyArray<ApiKeyGrant> }
  | { readonly kind: 'files'; readonly dataDir: string; readonly platform: FileKey; readonly auditor: FileKey };

const fileKey = (dataDir: string, fileName: string): E.Either<SecretFileUnusable, FileKey> =>
  E.map((kept: string | undefined): FileKey => (kept === undefined ? { kind: 'new', key: generateKey() } : { kind: 'kept', key: kept }))(
    readSecretFile(dataDir, fileName),
  );

export const chooseApiKeys = (configured: ReadonlyArray<ApiKeyGrant>, dataDir: string): E.Either<SecretFileUnusable, ApiKeyChoice> => {
  if (configured.length > 0) return E.right({ kind: 'configured', keys: configured });
  const platform = fileKey(dataDir, API_KEY_FILE_NAME);
  if (E.isLeft(platform)) return platform;
  const auditor = fileKey(dataDir, AUDITOR_API_KEY_FILE_NAME);
  if (E.isLeft(auditor)) return auditor;
  return E.right({ kind: 'files', dataDir, platform: platform.right, auditor: auditor.right });
};

/**
 * Keeps the new keys in the data directory (256 random bits each, owner-only); a key kept meanwhile by a racing
 * start wins. Called once every other check of a start has passed, so a start that fails writes nothing.
 */
export const keepApiKeys = (choice: ApiKeyChoice): E.Either<SecretFileUnusable, ApiKeys> => {
  if (choice.kind === 'configured') return E.right(apiKeysAsRead(choice));
  const platform = keepSecretFile(choice.dataDir, API_KEY_FILE_NAME, () => choice.platform.key);
  if (E.isLeft(platform)) return platform;
  const auditor = keepSecretFile(choice.dataDir, AUDITOR_API_KEY_FILE_NAME, () => choice.auditor.key);
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

/** The keys as found, for a command that never creates one: a key not kept yet is not one. */
export const apiKeysAsRead = (choice: ApiKeyChoice): ApiKeys => {
  if (choice.kind === 'configured') return { keys: choice.keys, file: undefined, auditorFile: undefined, generated: false };
  const kept = (key: FileKey, role: ApiKeyGrant['role']): ReadonlyArray<ApiKeyGrant> => (key.kind === 'kept' ? [{ key: key.key, role }] : []);
  return {
    keys: [...kept(choice.platform, 'platform'), ...kept(choice.auditor, 'auditor')],
    file: choice.platform.kind === 'kept' ? apiKeyFileOf(choice.dataDir) : undefined,
    auditorFile: choice.auditor.kind === 'kept' ? auditorApiKeyFileOf(choice.dataDir) : undefined,
    generated: false,
  };
};

/**
 * The configured keys; with none configured, a platform key and an auditor key kept beside the data (owner-only),
 * each created on first start.
 */
export const ensureApiKeys = (configured: ReadonlyArray<ApiKeyGrant>, dataDir: string): E.Either<SecretFileUnusable, ApiKeys> =>
  E.flatMap(chooseApiKeys(configured, dataDir), keepApiKeys);

/** The first platform key among them (what an in-process CLI run talks to the service with). */
export const platformKeyOf = (keys: ApiKeys): string | undefined => keys.keys.find((grant) => grant.role === 'platform')?.key;
