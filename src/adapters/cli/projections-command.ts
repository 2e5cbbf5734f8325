import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { rebuildKycReadModel, type ReadModelEventUnreadable } from '../../application/read-models/index.js';
import { CliFailure, runtimeFromEnvironment } from './runtime-from-environment.js';

/** Exit status when the rebuilt read model is served but some streams were set aside. */
export const STREAMS_SET_ASIDE_EXIT_CODE = 2;

const bar = (done: number, total: number | undefined): string => {
  if (total === undefined || total === 0) return `${done} events`;
  const width = 30;
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} events`;
};

/** Stream, version and the faults' paths and rules: never the damaged row's content. */
const describeSetAside = (unreadable: ReadModelEventUnreadable): string =>
  `${unreadable.streamName} (event ${unreadable.streamVersion}): ${unreadable.eventType} does not read at ${unreadable.faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`;

export const projectionsCommand = (): Command => {
  const projections = new Command('projections').description('Manage the read models behind the lists');
  projections
    .command('rebuild')
    .description(
      'Rebuild the read model from the first event into fresh tables, then switch them in at once; the service keeps serving the previous one until then',
    )
    .addHelpText(
      'after',
      '\nOpens the stores the service is configured with (KYC_EVENT_STORE, KYC_DATA_DIR). Progress goes to stderr, the outcome to stdout.\n' +
        'A stream with an event that no longer reads (damaged at rest) is set aside from that event on, and every other stream is rebuilt.\n' +
        'Exit status: 0 rebuilt and switched in, every stream projected;\n' +
        `  1 not rebuilt (the event store or the read model failed, or a bad command line): the read model served before is unchanged;\n` +
        `  ${STREAMS_SET_ASIDE_EXIT_CODE} rebuilt and switched in, but streams were set aside: each is named with the version of its first unreadable event.`,
    )
    .option('--json', 'machine-readable outcome on stdout: { applied, setAside: [{ streamName, streamVersion, eventType, faults }] }')
    .action(async (options: { json?: boolean }) => {
      const runtime = await runtimeFromEnvironment({ mangopay: undefined, logLevel: 'silent' }, { secrets: 'existing' });
      try {
        const tty = process.stderr.isTTY === true;
        const rebuilt = await rebuildKycReadModel({
          events: runtime.core.store,
          readModel: runtime.readModel,
          onProgress: (progress) => {
            const line = bar(progress.applied, progress.total);
            process.stderr.write(tty ? `\r${line}` : `rebuild: ${line}\n`);
          },
          onStreamSetAside: (unreadable) => {
            process.stderr.write(`${tty ? '\n' : ''}rebuild: set aside ${unreadable.streamName} from event ${unreadable.streamVersion}\n`);
          },
        })();
        if (tty) process.stderr.write('\n');
        if (E.isLeft(rebuilt)) throw new CliFailure(`rebuild stopped: ${rebuilt.left.message}; the read model served before is unchanged`);
        const { unreadable } = rebuilt.right;
        if (options.json === true) {
          const setAside = unreadable.map(({ streamName, streamVersion, eventType, faults }) => ({ streamName, streamVersion, eventType, faults }));
          console.log(JSON.stringify({ applied: rebuilt.right.applied, setAside }, null, 2));
        } else console.log(`read model rebuilt: ${rebuilt.right.applied} events applied`);
        if (unreadable.length > 0) process.exitCode = STREAMS_SET_ASIDE_EXIT_CODE;
        if (unreadable.length > 0 && options.json !== true) {
          console.log(
            `${unreadable.length} stream(s) set aside: an event no longer reads, and nothing of the stream from that event on is listed.\n` +
              `Repair the event, then rebuild again (kyc audit <stream> shows the stream):\n` +
              unreadable.map((u) => `  ${describeSetAside(u)}`).join('\n'),
          );
        }
      } finally {
        await runtime.close();
      }
    });
  return projections;
};
