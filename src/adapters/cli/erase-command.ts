import { Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { ErasureRequest, type ErasureOutcome } from '../../application/erasure/index.js';
import { idDigest } from '../../domain/shared/id-digest.js';
import { decodeWith } from '../../domain/shared/invalid-input.js';
import type { KycRuntime } from '../composition-root/index.js';
import { runtimeFromEnvironment } from './runtime-from-environment.js';

export interface EraseCommandOptions {
  readonly by: string;
  readonly reason: string;
  readonly force?: boolean;
  readonly unknownUser?: boolean;
  readonly json?: boolean;
  readonly commandId?: string;
  readonly retentionYears?: number;
}

/** What the command needs: the erasure use case over the configured stores, and how to let them go. */
export interface ErasureRuntime {
  readonly erase: KycRuntime['erase'];
  readonly close: () => Promise<void>;
}

export type OpenErasure = (overrides: { readonly retentionYears?: number }) => Promise<ErasureRuntime>;

/** The same erasure asked twice is one command: a re-run after a crash finishes it instead of recording it again. */
const defaultCommandId = (userId: string): string => `erase-${idDigest(userId).slice(0, 32)}`;

const retentionYears = (text: string): number => {
  const years = Number(text);
  if (!Number.isSafeInteger(years) || years < 0 || years > 100) throw new InvalidArgumentError('a whole number of years from 0 to 100');
  return years;
};

const describeOutcome = (outcome: ErasureOutcome): string => {
  const erasure = outcome.erasure;
  const how = erasure === undefined ? '' : ` by ${erasure.erasedBy}${erasure.forced ? ' (forced, before the end of retention)' : ''}`;
  const record = outcome.recordedNow ? `recorded in stream UserKyc-${outcome.userId}` : `already recorded in stream UserKyc-${outcome.userId}`;
  const key = { 'key-destroyed': 'key destroyed', 'already-erased': 'key already destroyed', 'no-key-recorded': 'no key existed; a tombstone now refuses new data' }[
    outcome.key.outcome
  ];
  const scrub = outcome.key.storageScrubbed ? 'storage scrubbed' : `storage NOT scrubbed yet: ${outcome.key.pendingScrub ?? 'run the same erase again'}`;
  return `Personal data of user ${outcome.userId} erased${how}: ${record}; ${key}; ${scrub}`;
};

/**
 * `kyc erase <userId> --by <operator> --reason <text> [--force]`: destroys the user's personal data key.
 * Refused before the end of the retention period unless forced; every erasure is recorded with who and why.
 */
export const buildEraseCommand = (
  open: OpenErasure = (overrides) => runtimeFromEnvironment({ logLevel: 'silent', ...overrides }),
  print: (line: string) => void = console.log,
): Command =>
  new Command('erase')
    .description(
      "Erase a user's personal data (crypto-shredding: their key is destroyed, their events stay and read as erased). Refused before the retention period (default 5 years after the last activity) is over, unless --force; recorded in the user's UserKyc stream",
    )
    .argument('<userId>', "the user's Mangopay Id")
    .requiredOption('--by <operatorId>', 'who asks for the erasure (back-office operator id)')
    .requiredOption('--reason <text>', 'why (a ticket or legal ground; no personal data: it stays readable)')
    .option('--force', 'erase before the end of the retention period (recorded as forced)')
    .option('--unknown-user', 'erase even though no event names this user (a mistyped id is refused without it)')
    .option('--json', 'machine-readable output: the outcome, or { refused, message }')
    .option('--command-id <id>', 'idempotency id of this erasure (default: derived from the user id)')
    .option('--retention-years <years>', 'retention period after the last activity (default KYC_RETENTION_YEARS, else 5)', retentionYears)
    .addHelpText(
      'after',
      '\nOpens the stores the service is configured with: KYC_EVENT_STORE, KYC_DATA_DIR (or KYC_PERSONAL_DATA_MASTER_KEY), KYC_RETENTION_YEARS.\n' +
        'Exit status: 0 erased; 1 refused (e.g. RETENTION_PERIOD_NOT_OVER, USER_UNKNOWN: no event names the id); 2 invalid input; 3 not finished: the erasure is recorded but the key is\n' +
        'not yet destroyed (key store unreachable: run the same command again) or still in storage (the message says what removes it).',
    )
    .action(async (userId: string, options: EraseCommandOptions) => {
      const refuse = (type: string, message: string, code: number, prefix = 'Refused'): void => {
        print(options.json === true ? JSON.stringify({ refused: type, message }) : `${prefix}: ${type} — ${message}`);
        process.exitCode = code;
      };
      const request = decodeWith(ErasureRequest)({
        commandId: options.commandId ?? defaultCommandId(userId),
        userId,
        erasedBy: options.by,
        reason: options.reason,
        force: options.force === true,
        unknownUser: options.unknownUser === true,
      });
      if (E.isLeft(request)) return refuse(request.left.type, request.left.message, 2);
      const opened = await open(options.retentionYears === undefined ? {} : { retentionYears: options.retentionYears });
      try {
        const outcome = await opened.erase(request.right)();
        if (E.isLeft(outcome)) {
          if (outcome.left.type === 'PERSONAL_DATA_KEYS_UNAVAILABLE') {
            // The key store failed after the erasure may have been recorded: an operator must not read it as refused.
            return refuse(outcome.left.type, 'the erasure may be recorded, but the key was not destroyed: run the same command again', 3, 'Not finished');
          }
          return refuse(outcome.left.type, outcome.left.message, 1);
        }
        print(options.json === true ? JSON.stringify(outcome.right) : describeOutcome(outcome.right));
        if (!outcome.right.key.storageScrubbed) process.exitCode = 3;
      } finally {
        await opened.close();
      }
    });
