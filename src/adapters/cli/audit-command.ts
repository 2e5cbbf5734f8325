import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { escapeControls, renderTimeline, timelinesOfStreams, type UnreadableStream } from '../../application/audit/index.js';
import { CliFailure, runtimeFromEnvironment } from './runtime-from-environment.js';

const STREAM = /^(KycDocument|IdvSession|UserKyc)-/;

/** Exit status when some of the streams asked for could not be read (damaged at rest) and the others were printed. */
export const UNREADABLE_STREAMS_EXIT_CODE = 2;

/** In the text timeline, where the stream's entries would be. */
const renderUnreadable = (stream: UnreadableStream): string =>
  [stream.streamName, `  unreadable from v${stream.streamVersion}: ${stream.message}`].map(escapeControls).join('\n');

export const auditCommand = (): Command =>
  new Command('audit')
    .description("Print a readable audit timeline: of one stream (KycDocument-<Id>, IdvSession-<Id>, UserKyc-<UserId>), or of a user (their UserKyc stream, documents and sessions)")
    .argument('<userId-or-stream>', 'a user id or a stream name')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nOpens the stores the service is configured with (KYC_EVENT_STORE, KYC_DATA_DIR). A user\'s documents and sessions are found in the read model.\n' +
        'A stream with an event that no longer reads (damaged at rest) is named with that version, and the other streams are printed.\n' +
        `Exit status: 0 printed; 1 nothing to print, or the store failed; ${UNREADABLE_STREAMS_EXIT_CODE} printed, but streams could not be read (named on stderr,\n` +
        '  and in the text output where their timeline would be).',
    )
    .action(async (subject: string, options: { json?: boolean }) => {
      const runtime = await runtimeFromEnvironment({ mangopay: undefined, logLevel: 'silent' }, { secrets: 'existing' });
      try {
        const streams = STREAM.test(subject) ? [subject] : await streamsOfUser(runtime, subject);
        const read = await timelinesOfStreams(runtime.timeline)(streams)();
        if (E.isLeft(read)) throw new CliFailure(read.left.message);
        const { timelines, unreadable } = read.right;
        if (timelines.length === 0 && unreadable.length === 0) throw new CliFailure(`No events for ${subject}`);
        // JSON keeps its shape (the timelines that read); the unreadable streams are named on stderr in both forms.
        console.log(options.json ? JSON.stringify(timelines, null, 2) : [...timelines.map(renderTimeline), ...unreadable.map(renderUnreadable)].join('\n\n'));
        if (unreadable.length > 0) {
          console.error(
            `${unreadable.length} stream(s) could not be read (damaged at rest; repair the event): ${unreadable.map((u) => `${u.streamName} (event ${u.streamVersion})`).join(', ')}`,
          );
          process.exitCode = UNREADABLE_STREAMS_EXIT_CODE;
        }
      } finally {
        await runtime.close();
      }
    });

/** A user's streams: their UserKyc stream, then every document and session the read model lists for them. */
const streamsOfUser = async (runtime: Awaited<ReturnType<typeof runtimeFromEnvironment>>, userId: string): Promise<string[]> => {
  await runtime.refreshReadModel();
  const streams = [`UserKyc-${userId}`];
  for (let page = 1; ; page++) {
    const documents = await runtime.readModel.readModel.listDocuments({ userId, page, perPage: 100, sort: 'CreationDate:ASC' })();
    if (E.isLeft(documents)) throw new CliFailure(documents.left.message);
    streams.push(...documents.right.items.map((d) => `KycDocument-${d.documentId}`));
    if (page >= documents.right.totalPages) break;
  }
  for (let page = 1; ; page++) {
    const sessions = await runtime.readModel.readModel.listUserSessions(userId, { page, perPage: 100, sort: 'CreationDate:ASC' })();
    if (E.isLeft(sessions)) throw new CliFailure(sessions.left.message);
    streams.push(...sessions.right.items.map((s) => `IdvSession-${s.sessionId}`));
    if (page >= sessions.right.totalPages) break;
  }
  return streams;
};
