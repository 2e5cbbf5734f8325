import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { renderTimeline, type StreamTimeline } from '../../application/audit/index.js';
import { CliFailure, runtimeFromEnvironment } from './runtime-from-environment.js';

const STREAM = /^(KycDocument|IdvSession|UserKyc)-/;

export const auditCommand = (): Command =>
  new Command('audit')
    .description("Print a readable audit timeline: of one stream (KycDocument-<Id>, IdvSession-<Id>, UserKyc-<UserId>), or of a user (their UserKyc stream, documents and sessions)")
    .argument('<userId-or-stream>', 'a user id or a stream name')
    .option('--json', 'machine-readable output')
    .action(async (subject: string, options: { json?: boolean }) => {
      const runtime = await runtimeFromEnvironment({ mangopay: undefined, logLevel: 'silent' });
      try {
        const streams = STREAM.test(subject) ? [subject] : await streamsOfUser(runtime, subject);
        const timelines: StreamTimeline[] = [];
        for (const stream of streams) {
          const timeline = await runtime.timeline(stream)();
          if (E.isLeft(timeline)) throw new CliFailure(`${stream}: ${timeline.left.message}`);
          if (timeline.right.entries.length > 0) timelines.push(timeline.right);
        }
        if (timelines.length === 0) throw new CliFailure(`No events for ${subject}`);
        console.log(options.json ? JSON.stringify(timelines, null, 2) : timelines.map(renderTimeline).join('\n\n'));
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
