import { Buffer } from 'node:buffer';
import * as E from 'fp-ts/lib/Either.js';
import { masterKey, type MasterKey } from './data-key-wrapping.js';
import { KEY_BYTES } from './sealed-token-format.js';

export const MASTER_KEY_VARIABLE = 'KYC_PERSONAL_DATA_MASTER_KEY';

export interface MasterKeyMisconfigured {
  readonly type: 'MASTER_KEY_MISCONFIGURED';
  readonly message: string;
}

/**
 * The master key from the environment: 32 bytes as base64. Unset means no wrapping. A value that is set
 * but unusable is an error, never a silent fallback to unwrapped keys; the message never repeats it.
 */
export const masterKeyFromEnvironment = (
  environment: Readonly<Record<string, string | undefined>> = process.env,
): E.Either<MasterKeyMisconfigured, MasterKey | undefined> => {
  const text = environment[MASTER_KEY_VARIABLE];
  if (text === undefined || text === '') return E.right(undefined);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== text.trim()) {
    return E.left({ type: 'MASTER_KEY_MISCONFIGURED', message: `${MASTER_KEY_VARIABLE} must be ${KEY_BYTES} bytes in padded base64` });
  }
  return E.right(masterKey(bytes));
};
