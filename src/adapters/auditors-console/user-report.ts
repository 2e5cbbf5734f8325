import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { UserKycSummary } from '../../application/ports/kyc-read-model.js';
import type { AccessLogEntry } from './access-log.js';
import type { AuditorsConsoleDependencies } from './console-dependencies.js';
import type { ConsoleUserIndex, IndexedUser } from './console-user-index.js';
import { consoleStream, type ConsoleAggregate, type ConsoleStream, type UnreadableStream } from './user-streams.js';

type Failure = { readonly type: string; readonly message: string };

/** Everything the console shows of one user: what the user page, the printable page and the JSON export share. */
export interface UserReport {
  readonly userId: string;
  readonly indexed: IndexedUser;
  /** From the read model: level, what is missing for REGULAR, erasure (undefined before Mangopay's user was seen). */
  readonly summary: UserKycSummary | undefined;
  readonly streams: ReadonlyArray<ConsoleStream>;
  readonly unreadable: ReadonlyArray<{ readonly streamName: string; readonly streamVersion: number }>;
  readonly accesses: ReadonlyArray<AccessLogEntry>;
}

export const subjectOf = (deps: AuditorsConsoleDependencies, streamName: string): ConsoleAggregate | undefined =>
  [deps.documents, deps.sessions, deps.users].find((s) => streamName.startsWith(`${s.aggregate.name}-`));

const isUnreadable = (error: Failure): error is UnreadableStream => error.type === 'STORED_EVENT_UNREADABLE' || error.type === 'PERSONAL_DATA_UNREADABLE';

/** The user's report, or undefined when no stream names this user. A stream damaged at rest is named; the others are shown. */
export const userReport =
  (deps: AuditorsConsoleDependencies, index: ConsoleUserIndex) =>
  (userId: string): TaskEither<Failure, UserReport | undefined> =>
  async () => {
    const caught = await index.caughtUp();
    if (E.isLeft(caught)) return caught;
    const indexed = index.user(userId);
    if (indexed === undefined) return E.right(undefined);
    const upToDate = await deps.readModelCaughtUp();
    if (E.isLeft(upToDate)) return upToDate;
    const summary = await deps.readModel.userKyc(userId)();
    if (E.isLeft(summary)) return summary;
    const streams: ConsoleStream[] = [];
    const unreadable: { streamName: string; streamVersion: number }[] = [];
    for (const streamName of indexed.streams) {
      const subject = subjectOf(deps, streamName);
      if (subject === undefined) continue;
      const read = await consoleStream(deps.store, deps.vault, subject)(streamName)();
      if (E.isRight(read)) streams.push(read.right);
      else if (isUnreadable(read.left)) unreadable.push({ streamName: read.left.streamName, streamVersion: read.left.streamVersion });
      else return read;
    }
    const accesses = await deps.accessLog.entriesOf(userId)();
    if (E.isLeft(accesses)) return accesses;
    return E.right({ userId, indexed, summary: summary.right, streams, unreadable, accesses: accesses.right });
  };
