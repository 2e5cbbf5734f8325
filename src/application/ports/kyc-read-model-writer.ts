import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { ReadModelChange } from './read-model-change.js';
import type { ReadModelUnavailable } from './kyc-read-model.js';

/**
 * What a store behind the KYC read model does on the write side: execute the changes the pure translation
 * decided, in order, inside the checkpoint's transaction `tx`, honouring their guards (insert if absent;
 * change only a row whose version is lower). No decision is made here.
 */
export interface KycReadModelWriter<Tx> {
  readonly apply: (changes: ReadonlyArray<ReadModelChange>, tx: Tx) => TaskEither<ReadModelUnavailable, void>;
  /** Empties every table of the read model (not the checkpoint: the checkpoint store forgets it in the same transaction). */
  readonly clear: (tx: Tx) => TaskEither<ReadModelUnavailable, void>;
}
