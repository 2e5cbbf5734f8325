import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { MASTER_KEY_VARIABLE, masterKeyFromEnvironment, type MasterKey, type MasterKeyMisconfigured } from '../aes-gcm-personal-data-vault/index.js';
import type { EventStoreLocation } from './kyc-config.js';
import { keepSecretFile, readSecretFile } from './secret-file.js';

export const MASTER_KEY_FILE_NAME = 'personal-data-master-key';

export interface PersonalDataMasterKey {
  readonly key: MasterKey;
  /** Where it is kept: the environment variable, a file beside the data, or nowhere (events in memory). */
  readonly source: string;
  /** True when this start created it (no key configured, none kept yet): the operator must back it up. */
  readonly created: boolean;
}

/** The master key a start would use, nothing written yet; `created` means it is new and still to be kept. */
export interface ChosenMasterKey extends PersonalDataMasterKey {
  /** The text to keep in the data directory when `created` (never logged). */
  readonly text: string | undefined;
}

/**
 * The key that wraps every user's data key, so a copy of the database alone opens nothing. From
 * KYC_PERSONAL_DATA_MASTER_KEY when set; otherwise the one kept beside the data, or a new one (to be kept by
 * `keepPersonalDataMasterKey` once the start has passed its checks), or made up for this run when the events
 * are only in memory. Never logged.
 */
export const choosePersonalDataMasterKey = (
  environment: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  location: EventStoreLocation,
): E.Either<MasterKeyMisconfigured, ChosenMasterKey> => {
  const configured = masterKeyFromEnvironment(environment);
  if (E.isLeft(configured)) return configured;
  if (configured.right !== undefined) return E.right({ key: configured.right, source: MASTER_KEY_VARIABLE, created: false, text: undefined });
  if (location.kind === 'memory') return fromText(randomBytes(32).toString('base64'), 'this run only (events in memory)', false);
  const kept = readSecretFile(dataDir, MASTER_KEY_FILE_NAME);
  if (E.isLeft(kept)) return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The personal data master key: ${kept.left.message}` });
  const file = join(dataDir, MASTER_KEY_FILE_NAME);
  return kept.right === undefined ? fromText(randomBytes(32).toString('base64'), file, true) : fromText(kept.right, file, false);
};

/** Keeps a new key beside the data (0600); a key kept meanwhile by a racing start wins and is the one used. */
export const keepPersonalDataMasterKey = (chosen: ChosenMasterKey, dataDir: string): E.Either<MasterKeyMisconfigured, PersonalDataMasterKey> => {
  if (!chosen.created || chosen.text === undefined) return E.right(chosen);
  const text = chosen.text;
  const kept = keepSecretFile(dataDir, MASTER_KEY_FILE_NAME, () => text);
  if (E.isLeft(kept)) return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The personal data master key: ${kept.left.message}` });
  return fromText(kept.right.value, kept.right.file, kept.right.created);
};

/** The one line for a master key that is not the one this database's personal data was sealed with. */
export const wrongMasterKey = (chosen: PersonalDataMasterKey, dataDir: string): string =>
  chosen.created
    ? `This database's personal data is sealed with a master key that is not here (no ${MASTER_KEY_VARIABLE}, no ${join(dataDir, MASTER_KEY_FILE_NAME)}): ` +
      `set ${MASTER_KEY_VARIABLE} to that key, or KYC_DATA_DIR to the data directory that keeps it`
    : `The personal data master key from ${chosen.source} is not the one this database's personal data is sealed with: ` +
      `set ${MASTER_KEY_VARIABLE} to that key, or KYC_DATA_DIR to the data directory that keeps it`;

const fromText = (text: string, source: string, created: boolean): E.Either<MasterKeyMisconfigured, ChosenMasterKey> => {
  const decoded = masterKeyFromEnvironment({ [MASTER_KEY_VARIABLE]: text });
  if (E.isLeft(decoded)) return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The master key kept in ${source} is not 32 bytes of base64` });
  return decoded.right === undefined
    ? E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `The master key kept in ${source} is empty` })
    : E.right({ key: decoded.right, source, created, text: created ? text : undefined });
};
