import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { decodeRecordedWithoutPersonalData } from '../../application/command-handling/load-aggregate.js';
import type { EventStore, GlobalPosition, ReadError, RecordedEvent } from '../../application/ports/event-store.js';
import type { AnyAggregate } from './user-streams.js';

/** A divergence or an anomaly, where it was recorded (never what the event holds). */
export interface Finding {
  readonly streamName: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
}

export interface IndexedUser {
  readonly userId: string;
  /** The level as last recorded in the user's stream (undefined before Mangopay's user was observed). */
  readonly kycLevel: string | undefined;
  /** UserKyc-<id> first if it exists, then documents and sessions in the order they appeared. */
  readonly streams: ReadonlyArray<string>;
  readonly divergences: ReadonlyArray<Finding>;
  readonly anomalies: ReadonlyArray<Finding>;
  readonly erased: boolean;
}

/**
 * The console's own index of users, caught up from the global event order on each request: which streams are
 * whose, and where divergences and anomalies were recorded. It decodes the events as every reader does, through
 * their aggregate's schema with every personal field read as erased, so it holds no personal data and needs no key.
 */
export interface ConsoleUserIndex {
  readonly caughtUp: TaskEither<ReadError, void>;
  readonly users: () => ReadonlyArray<IndexedUser>;
  readonly user: (userId: string) => IndexedUser | undefined;
  /** The user a document, a session or a user id belongs to (for hooks, which name a resource). */
  readonly ownerOf: (resourceId: string) => string | undefined;
  /** The global position read up to (undefined before any event). */
  readonly position: () => GlobalPosition | undefined;
}

interface MutableUser {
  userId: string;
  kycLevel: string | undefined;
  streams: string[];
  divergences: Finding[];
  anomalies: Finding[];
  erased: boolean;
}

const PAGE = 1_000;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const levelOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'object' && value !== null ? str((value as { unrecognized?: unknown }).unrecognized) : undefined;

export const createConsoleUserIndex = (store: EventStore, aggregates: ReadonlyArray<AnyAggregate>): ConsoleUserIndex => {
  const users = new Map<string, MutableUser>();
  const ownerOfStream = new Map<string, string>();
  let position: GlobalPosition | undefined;
  let running: Promise<E.Either<ReadError, void>> | undefined;

  const userNamed = (userId: string): MutableUser => {
    let user = users.get(userId);
    if (user === undefined) {
      user = { userId, kycLevel: undefined, streams: [], divergences: [], anomalies: [], erased: false };
      users.set(userId, user);
    }
    return user;
  };

  const apply = (recorded: RecordedEvent) => {
    const [kind, ...rest] = recorded.streamName.split('-');
    const aggregate = aggregates.find((a) => a.name === kind);
    if (aggregate === undefined) return; // the console's access log, and any other kind
    const id = rest.join('-');
    // An event that does not decode tells the index nothing (the stream's page names the fault): a document or a
    // session whose first event does not decode names no user to index it under, and is left out, as from the lists.
    const decoded = decodeRecordedWithoutPersonalData(aggregate, recorded);
    const event = E.isRight(decoded) ? decoded.right : undefined;
    let owner = ownerOfStream.get(recorded.streamName);
    if (owner === undefined) {
      owner = kind === 'UserKyc' ? id : event !== undefined && 'userId' in event ? event.userId : undefined;
      if (owner === undefined) return; // a stream whose first event names no user: nothing to index it under
      ownerOfStream.set(recorded.streamName, owner);
      const user = userNamed(owner);
      if (kind === 'UserKyc') user.streams.unshift(recorded.streamName);
      else user.streams.push(recorded.streamName);
    }
    if (event === undefined) return;
    const user = userNamed(owner);
    const found: Finding = { streamName: recorded.streamName, streamVersion: recorded.streamVersion, occurredAt: recorded.metadata.occurredAt };
    if (event.type.endsWith('StatusDiverged')) user.divergences.push(found);
    if ('anomalies' in event && (event.anomalies?.length ?? 0) > 0) user.anomalies.push(found);
    if (event.type === 'UserRegistered') user.kycLevel = levelOf(event.kycLevel);
    if (event.type === 'UserKycLevelChanged') user.kycLevel = levelOf(event.to);
    if (event.type === 'PersonalDataErased') user.erased = true;
  };

  const catchUpOnce = async (): Promise<E.Either<ReadError, void>> => {
    for (;;) {
      const page = await store.readAll({ ...(position === undefined ? {} : { after: position }), maxCount: PAGE })();
      if (E.isLeft(page)) return page;
      for (const event of page.right) {
        apply(event);
        position = event.globalPosition;
      }
      if (page.right.length < PAGE) return E.right(undefined);
    }
  };

  const frozen = (user: MutableUser): IndexedUser => ({ ...user, streams: [...user.streams], divergences: [...user.divergences], anomalies: [...user.anomalies] });

  return {
    // Calls never overlap: a second caller waits for the catch-up in flight.
    caughtUp: () => {
      running ??= catchUpOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    users: () => [...users.values()].map(frozen).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
    user: (userId) => {
      const user = users.get(userId);
      return user === undefined ? undefined : frozen(user);
    },
    ownerOf: (resourceId) =>
      users.has(resourceId) ? resourceId : ownerOfStream.get(`KycDocument-${resourceId}`) ?? ownerOfStream.get(`IdvSession-${resourceId}`),
    position: () => position,
  };
};
