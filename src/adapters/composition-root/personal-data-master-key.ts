import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { MASTER_KEY_VARIABLE, masterKeyFromEnvironment, type MasterKey, type MasterKeyMisconfigured } from '../aes-gcm-personal-data-vault/index.js';
import type { EventStoreLocation } from './kyc-config.js';
import { keepSecretFile } from './secret-file.js';

export const MASTER_KEY_FILE_NAME = 'personal-data-master-key';

export interface PersonalDataMasterKey {
  readonly key: MasterKey;
  /** Where it is kept: the environment variable, a file beside the data, or nowhere (events in memory). */
  readonly source: string;
  /** True when this start created it (no key configured, none kept yet): the operator must back it up. */
  readonly created: boolean;
}

/**
 * The key that wraps every user's data key, so a copy of the database alone opens nothing. From
 * KYC_PERSONAL_DATA_MASTER_KEY when set; otherwise kept beside the data (created on first start, 0600), or
 * made up for this run when the events are only in memory. Never logged.
 */
export const ensurePersonalDataMasterKey = (
  environment: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  location: EventStoreLocation,
): E.Either<MasterKeyMisconfigured, PersonalDataMasterKey> => {
  const configured = masterKeyFromEnvironment(environment);
  if (E.isLeft(configured)) return configured;
  if (configured.right !== undefined) return E.right({ key: configured.right, source: MASTER_KEY_VARIABLE, created: false });
  if (location.kind === 'memory') return fromText(randomBytes(32).toString('base64'), 'this run only (events in memory)', false);
  const kept = keepSecretFile(dataDir, MASTER_KEY_FILE_NAME, () => randomBytes(32).toString('base64'));
  if (E.isLeft(kept)) return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The personal data master key: ${kept.left.message}` });
  return fromText(kept.right.value, kept.right.file, kept.right.created);
};

const fromText = (text: string, source: string, created: boolean): E.Either<MasterKeyMisconfigured, PersonalDataMasterKey> => {
  const decoded = masterKeyFromEnvironment({ [MASTER_KEY_VARIABLE]: text });
  if (E.isLeft(decoded)) return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The master key kept in ${source} is not 32 bytes of base64` });
  return decoded.right === undefined
    ? E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The master key kept in ${source} is empty` })
    : E.right({ key: decoded.right, source, created });
};
