import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import { reconcileSweep, type SweepProgress, type SweepReport, type SweepTally } from '../../application/webhooks/index.js';
import { CliFailure, configFromEnvironment, runtimeFromConfig } from './runtime-from-environment.js';

/** What the command needs: the use cases' dependencies, and how to let them go. */
export interface ReconcileRuntime {
  readonly core: KycCoreDependencies;
  readonly close: () => Promise<void>;
}

const tally = (name: string, t: SweepTally): string =>
  `${name}: ${t.checked} checked, ${t.recordedEvents} events recorded, ${t.unknownAtMangopay} unknown at Mangopay`;

const render = (sweepId: string, report: SweepReport): string =>
  [
    `sweep ${sweepId}`,
    tally('documents', report.documents),
    tally('sessions', report.sessions),
    tally('users', report.users),
    ...report.failures.map((f) => `failed: ${f.resource} ${f.id}: ${f.type}: ${f.message}`),
  ].join('\n');

/**
 * The configured stores and Mangopay. Without MANGOPAY_* there is only the in-process simulator, fresh and empty:
 * every resource would read as unknown at Mangopay, so the command refuses before opening anything.
 */
const openAgainstMangopay = async (): Promise<ReconcileRuntime> => {
  const config = configFromEnvironment({ logLevel: 'silent' });
  if (config.mangopay === undefined) {
    throw new CliFailure(
      'kyc reconcile needs Mangopay: set MANGOPAY_BASE_URL, MANGOPAY_CLIENT_ID and MANGOPAY_API_KEY (without them only an empty in-process simulator would answer, and every resource would read as unknown)',
    );
  }
  return runtimeFromConfig(config);
};

/**
 * `kyc reconcile`: the safety net for hooks that never came. Polls Mangopay for every document and session
 * the core knows that is not final (and every user) and records what changed. Exits with status 1 when a
 * resource could not be reconciled; run it again with the same --sweep-id to resume without re-recording.
 */
/**
 * Progress on stderr, on a terminal or piped alike: a line at most every 2 s and at the end of each kind, so a
 * sweep of many resources shows it is alive without flooding a log.
 */
const progressLines = (write: (line: string) => void, now: () => number = Date.now) => {
  let last = now();
  return ({ resource, done, of }: SweepProgress): void => {
    if (done < of && now() - last < 2000) return;
    last = now();
    write(`reconcile: ${resource} ${done}/${of}\n`);
  };
};

export const reconcileCommand = (
  open: () => Promise<ReconcileRuntime> = openAgainstMangopay,
  print: (text: string) => void = (text) => console.log(text),
  progress: (line: string) => void = (line) => void process.stderr.write(line),
): Command =>
  new Command('reconcile')
    .description("Poll Mangopay for every local document and session that is not final (and every user) and record what changed: for hooks that never came")
    .option('--sweep-id <id>', 'name of this sweep; the same id resumes a sweep without recording anything twice (default: a new one)')
    .option('--no-users', "do not re-read the users' KYC levels")
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nOpens the stores the service is configured with (KYC_EVENT_STORE, KYC_DATA_DIR) and Mangopay (MANGOPAY_BASE_URL, MANGOPAY_CLIENT_ID,\n' +
        'MANGOPAY_API_KEY: required; a simulator started with `kyc simulator` is configured the same way).\n' +
        'Progress: a line on stderr at most every 2 s and at the end of each kind (documents, sessions, users).\n' +
        'Exit status: 0 every resource reconciled; 1 Mangopay not configured, the store failed, or resources could not be reconciled (named;\n' +
        '  rerun with the same --sweep-id).',
    )
    .action(async (options: { sweepId?: string; users: boolean; json?: boolean }) => {
      const sweepId = options.sweepId ?? randomUUID();
      const runtime = await open();
      try {
        const swept = await reconcileSweep(runtime.core)({ sweepId, includeUsers: options.users, onProgress: progressLines(progress) })();
        if (E.isLeft(swept)) throw new CliFailure(`reconcile stopped: ${swept.left.message}`);
        print(options.json ? JSON.stringify({ sweepId, ...swept.right }, null, 2) : render(sweepId, swept.right));
        if (swept.right.failures.length > 0) {
          throw new CliFailure(`${swept.right.failures.length} resource(s) could not be reconciled; rerun with --sweep-id ${sweepId}`);
        }
      } finally {
        await runtime.close();
      }
    });
